"""Every role × every statistics route: anonymous, member, broker of the centre, broker of another
centre, official, administrator. Pages answer 302 (sign in) to anonymous visitors and 404 to who
may not see them; the API answers 401 and 404."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.cache import cache
from django.utils import timezone
from stats_world import client_of, reader, signed_project

from cooperation.coop_world import Coop, build_coop
from techbridge.statistics.models import AnnualReport

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "member", "broker", "other_broker", "official", "admin")
READERS = {"broker": 200, "other_broker": 200, "official": 200, "admin": 200}


def _page(ok: dict[str, int] | None = None) -> dict[str, int]:
    return {"anonymous": 302, "member": 404, **(ok or READERS)}


def _api() -> dict[str, int]:
    return {"anonymous": 401, "member": 404, **READERS}


def _public() -> dict[str, int]:
    return dict.fromkeys(ROLES, 200)


CENTRE_RECORDS = {"broker": 200, "other_broker": 404, "official": 404, "admin": 200}
ALLIANCE_RECORDS = {"broker": 404, "other_broker": 404, "official": 404, "admin": 200}

ROUTES: list[tuple[str, str, dict[str, int]]] = [
    ("dashboard", "/statistics/?year=2026", _page()),
    ("dashboard, centre filter", "/statistics/?year=2026&centre={centre}", _page()),
    (
        "records of the centre",
        "/statistics/records/projects_signed/?year=2026&centre={centre}",
        _page(CENTRE_RECORDS),
    ),
    ("records of the alliance", "/statistics/records/projects_signed/?year=2026", _page(ALLIANCE_RECORDS)),
    ("table export csv", "/statistics/export/funnel/?year=2026", _page()),
    ("table export xlsx", "/statistics/export/countries/?year=2026&format=xlsx", _page()),
    ("official workbook", "/statistics/official/?year=2026", _page()),
    ("reports page", "/statistics/reports/", _page()),
    ("report file", "/statistics/reports/{report}/file/", _page()),
    ("public results", "/statistics/results/", _public()),
    ("centre results", "/statistics/results/{centre}/", _public()),
    ("widget", "/statistics/widget/", _public()),
    ("centre widget", "/statistics/widget/{centre}/", _public()),
    ("api funnel", "/api/v1/statistics/funnel?year=2026", _api()),
    ("api indicators", "/api/v1/statistics/indicators?year=2026&centre={centre}", _api()),
]


def _finished_report(coop: Coop) -> AnnualReport:
    from django.core.files.base import ContentFile

    report = AnnualReport.objects.create(
        year=2026, language="en", file_format="pdf", status="done", progress=100, requested_at=timezone.now()
    )
    report.file.save("matrix.pdf", ContentFile(b"%PDF-1.4 matrix"), save=True)
    return report


@pytest.mark.parametrize(("name", "path", "expected"), ROUTES, ids=[route[0] for route in ROUTES])
def test_statistics_permission_matrix(name: str, path: str, expected: dict[str, int]) -> None:
    cache.clear()
    coop = build_coop()
    signed_project(coop, signed=date(2026, 2, 1), implemented=None)
    report = _finished_report(coop)
    url = path.format(centre=coop.centre.slug, report=report.pk)
    actual = {role: client_of(reader(coop, role)).get(url).status_code for role in ROLES}
    assert actual == expected


def test_asking_for_a_report_needs_a_dashboard_reader_and_csrf() -> None:
    coop = build_coop()
    form = {"year": "2026", "language": "en", "format": "pdf"}
    assert client_of(None).post("/statistics/reports/", form).status_code == 302
    assert client_of(coop.owner).post("/statistics/reports/", form).status_code == 404
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(coop.broker)
    assert strict.post("/statistics/reports/", form).status_code == 403
    assert not AnnualReport.objects.exists()
