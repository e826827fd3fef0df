"""Brokers choose their centre's cases for the annual report (with the parties' consent); nobody
else may, and a chosen case stays out of the report until the parties agree."""

from __future__ import annotations

import pytest
from stats_world import client_of, make_official

from cooperation.coop_world import COOP_ROLES, build_coop
from techbridge.cooperation.models import CooperationCase
from techbridge.statistics.domain.report import _highlighted_cases
from techbridge.statistics.domain.scope import Scope

pytestmark = pytest.mark.django_db


def _flags(case_id: int) -> tuple[bool, bool]:
    case = CooperationCase.objects.get(pk=case_id)
    return case.highlight_in_report, case.report_consent


def _in_report(coop: object) -> bool:
    year = coop.case.created_at.year  # type: ignore[attr-defined]
    titles = {row[0] for row in _highlighted_cases(Scope(year=year)).rows}
    return "Joint battery pilot" in titles


def test_the_centres_broker_chooses_a_case_and_it_appears_in_the_report_once_the_parties_agree() -> None:
    coop = build_coop()
    CooperationCase.objects.filter(pk=coop.case.pk).update(title={"en": "Joint battery pilot"})
    client = client_of(coop.broker)
    page = client.get("/statistics/highlights/")
    assert page.status_code == 200
    assert f'data-case="{coop.case.pk}"'.encode() in page.content
    response = client.post(f"/statistics/highlights/{coop.case.pk}/", {"highlight": "on"})
    assert response.status_code == 302
    assert _flags(coop.case.pk) == (True, False)
    assert not _in_report(coop)
    client.post(f"/statistics/highlights/{coop.case.pk}/", {"highlight": "on", "consent": "on"})
    assert _flags(coop.case.pk) == (True, True)
    assert _in_report(coop)
    chosen = client.get("/statistics/highlights/", {"chosen": "1"})
    assert f'data-case="{coop.case.pk}" data-highlight="1" data-consent="1"'.encode() in chosen.content
    client.post(f"/statistics/highlights/{coop.case.pk}/", {"consent": "on"})
    assert _flags(coop.case.pk) == (False, True)
    assert not _in_report(coop)


@pytest.mark.parametrize(
    "role", [role for role in COOP_ROLES if role not in ("broker", "admin")] + ["official"]
)
def test_nobody_but_the_centres_brokers_and_admins_marks_a_case(role: str) -> None:
    coop = build_coop()
    user = make_official(coop) if role == "official" else coop.user(role)
    client = client_of(user)
    posted = client.post(f"/statistics/highlights/{coop.case.pk}/", {"highlight": "on", "consent": "on"})
    page = client.get("/statistics/highlights/")
    if role == "anonymous":
        assert (posted.status_code, page.status_code) == (302, 302)
    elif role == "other_broker":
        # A broker of another centre has the page, without this centre's cases.
        assert posted.status_code == 404
        assert page.status_code == 200
        assert f'data-case="{coop.case.pk}"'.encode() not in page.content
    else:
        assert (posted.status_code, page.status_code) == (404, 404)
    assert _flags(coop.case.pk) == (False, False)


def test_the_admin_marks_any_case_and_the_reports_page_links_to_the_highlights() -> None:
    coop = build_coop()
    assert b"data-highlights" in client_of(coop.broker).get("/statistics/reports/").content
    assert b"data-highlights" not in client_of(make_official(coop)).get("/statistics/reports/").content
    response = client_of(coop.admin).post(f"/statistics/highlights/{coop.case.pk}/", {"highlight": "on"})
    assert response.status_code == 302
    assert _flags(coop.case.pk) == (True, False)


@pytest.mark.parametrize("role", ["broker", "admin"])
def test_the_highlights_list_costs_the_same_queries_with_one_case_as_with_five(role: str) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    coop = build_coop()
    client = client_of(coop.user(role))
    client.get("/statistics/highlights/")  # warm the session and the per-process caches

    def queries() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            page = client.get("/statistics/highlights/")
        assert page.status_code == 200
        return len(captured), page.content.count(b"data-case=")

    one, rows = queries()
    assert rows == 1
    for number in range(4):
        CooperationCase.objects.create(
            title={"en": f"Case {number}"},
            source=coop.case.source,
            centre=coop.centre,
            interest=coop.interest,
            countries=["HU"],
            created_at=timezone.now(),
            last_activity_at=timezone.now(),
            highlight_in_report=number % 2 == 0,
        )
    five, rows = queries()
    assert rows == 5
    assert five == one
