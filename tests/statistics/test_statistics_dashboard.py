"""Statistics: who reads which numbers, how filters are checked, how projects are dated, and that a
number's drill-down lists exactly the records it counted."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from stats_world import client_of, make_official, signed_project

from cooperation.coop_world import build_coop
from techbridge.statistics.domain.figures import count_figure, figures
from techbridge.statistics.domain.scope import Scope

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_figures() -> None:
    cache.clear()


def test_a_project_counts_as_implemented_in_the_year_it_was_implemented() -> None:
    coop = build_coop()
    signed_project(coop, signed=date(2025, 6, 1), implemented=date(2026, 3, 1))
    assert count_figure("projects_signed", Scope(year=2025)).value == 1
    assert count_figure("implemented", Scope(year=2025)).value == 0
    assert count_figure("projects_signed", Scope(year=2026)).value == 0
    assert count_figure("implemented", Scope(year=2026)).value == 1


def test_confidential_amounts_are_left_out_of_the_contract_value_and_said_so() -> None:
    coop = build_coop()
    signed_project(coop, signed=date(2026, 2, 1), implemented=None)
    signed_project(coop, signed=date(2026, 3, 1), implemented=None, confidential=True)
    value = figures(Scope(year=2026))["technology_contract_value"]
    assert value.per_currency == {"CNY": Decimal("500000.00")}
    assert value.confidential_left_out == 1
    assert figures(Scope(year=2026))["technology_contracts"].value == 2


def test_filters_narrow_by_centre_and_country() -> None:
    coop = build_coop()
    signed_project(coop, signed=date(2026, 2, 1), implemented=None)
    assert count_figure("projects_signed", Scope(year=2026, centre=coop.centre)).value == 1
    assert count_figure("projects_signed", Scope(year=2026, country="HU")).value == 1
    assert count_figure("projects_signed", Scope(year=2026, country="DE")).value == 0


@pytest.mark.parametrize("role", ["anonymous", "outsider", "owner", "partner"])
def test_dashboard_is_404_for_who_reads_no_statistics(role: str) -> None:
    coop = build_coop()
    response = client_of(coop.user(role)).get("/statistics/")
    assert response.status_code == (302 if role == "anonymous" else 404)


@pytest.mark.parametrize("role", ["broker", "admin", "official"])
def test_dashboard_opens_for_brokers_admins_and_officials(role: str) -> None:
    coop = build_coop()
    user = make_official(coop) if role == "official" else coop.user(role)
    response = client_of(user).get("/statistics/", {"year": "2026"})
    assert response.status_code == 200
    assert b'data-step="implemented"' in response.content


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"year": "1"}, "1971"),
        ({"year": "abc"}, "2026"),
        ({"centre": "atlantis"}, "centre"),
        ({"country": "ZZ"}, "ZZ"),
        ({"field": "99.99"}, "field"),
    ],
)
def test_impossible_filters_get_a_clear_message_not_a_500(params: dict[str, str], message: str) -> None:
    coop = build_coop()
    response = client_of(coop.broker).get("/statistics/", params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_drill_down_lists_exactly_the_records_counted_for_the_brokers_centre() -> None:
    coop = build_coop()
    signed_project(coop, signed=date(2026, 2, 1), implemented=date(2026, 9, 1))
    signed_project(coop, signed=date(2026, 4, 1), implemented=None)
    scope = Scope(year=2026, centre=coop.centre)
    counted = count_figure("projects_signed", scope).value
    response = client_of(coop.broker).get(
        "/statistics/records/projects_signed/", {"year": "2026", "centre": coop.centre.slug}
    )
    assert response.status_code == 200
    assert f'data-total="{counted}"'.encode() in response.content
    assert counted == 2


def test_officials_and_other_centres_cannot_reach_the_records_behind_a_number() -> None:
    coop = build_coop()
    query = {"year": "2026", "centre": coop.centre.slug}
    assert (
        client_of(make_official(coop)).get("/statistics/records/projects_signed/", query).status_code == 404
    )
    assert client_of(coop.other_broker).get("/statistics/records/projects_signed/", query).status_code == 404
    whole_alliance = {"year": "2026"}
    assert (
        client_of(coop.broker).get("/statistics/records/projects_signed/", whole_alliance).status_code == 404
    )


def test_public_results_and_widget_open_to_anyone() -> None:
    coop = build_coop()
    signed_project(coop, signed=timezone.localdate(), implemented=None)
    client = Client()
    assert client.get("/statistics/results/").status_code == 200
    page = client.get(f"/statistics/results/{coop.centre.slug}/")
    assert page.status_code == 200
    widget = client.get(f"/statistics/widget/{coop.centre.slug}/")
    assert widget.status_code == 200
    assert "frame-ancestors *" in widget["Content-Security-Policy"]
    assert client.get("/statistics/results/no-such-centre/").status_code == 404
