"""The statistics API: the dashboard's numbers, for who reads dashboards, impossible filters 422."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.cache import cache
from stats_world import client_of, reader, signed_project

from cooperation.coop_world import build_coop
from techbridge.statistics.domain.figures import figures, funnel
from techbridge.statistics.domain.scope import Scope

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_figures() -> None:
    cache.clear()


@pytest.mark.parametrize("role", ["official", "broker", "admin"])
def test_funnel_gives_each_step_with_the_dashboards_count(role: str) -> None:
    coop = build_coop()
    signed_project(coop, signed=date(2026, 2, 1), implemented=date(2026, 5, 1))
    signed_project(coop, signed=date(2026, 3, 1), implemented=None)
    response = client_of(reader(coop, role)).get("/api/v1/statistics/funnel", {"year": "2026"})
    assert response.status_code == 200
    steps = {step["code"]: step for step in response.json()["steps"]}
    expected = {stage.code: stage for stage in funnel(Scope(year=2026))}
    assert list(steps) == list(expected)
    assert steps["projects_signed"]["count"] == 2
    assert steps["implemented"]["count"] == 1
    assert steps["implemented"]["conversion"] == pytest.approx(0.5)
    assert steps["implemented"]["median_days"] == 89.0
    assert all(steps[code]["count"] == stage.count for code, stage in expected.items())


def test_funnel_filters_by_centre_and_country() -> None:
    coop = build_coop()
    signed_project(coop, signed=date(2026, 2, 1), implemented=None)
    client = client_of(coop.broker)
    by_centre = client.get("/api/v1/statistics/funnel", {"year": "2026", "centre": coop.centre.slug}).json()
    assert by_centre["scope"]["centre"] == coop.centre.slug
    assert {s["code"]: s["count"] for s in by_centre["steps"]}["projects_signed"] == 1
    elsewhere = client.get("/api/v1/statistics/funnel", {"year": "2026", "country": "DE"}).json()
    assert {s["code"]: s["count"] for s in elsewhere["steps"]}["projects_signed"] == 0


def test_indicators_give_every_indicator_with_its_definition_in_the_callers_language() -> None:
    coop = build_coop()
    signed_project(coop, signed=date(2026, 2, 1), implemented=None)
    signed_project(coop, signed=date(2026, 2, 2), implemented=None, confidential=True)
    response = client_of(coop.admin).get(
        "/api/v1/statistics/indicators", {"year": "2026"}, HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert response.status_code == 200
    rows = {row["code"]: row for row in response.json()["indicators"]}
    expected = figures(Scope(year=2026))
    assert set(rows) == set(expected)
    assert rows["technology_contracts"]["value"] == 2
    assert rows["technology_contract_value"]["per_currency"] == {"CNY": "500000.00"}
    assert rows["technology_contract_value"]["confidential_left_out"] == 1
    assert any("\u4e00" <= char <= "\u9fff" for char in rows["implemented"]["name"])


def test_anonymous_callers_are_401_and_members_404() -> None:
    coop = build_coop()
    for path in ("/api/v1/statistics/funnel", "/api/v1/statistics/indicators"):
        assert client_of(None).get(path).status_code == 401
        assert client_of(coop.owner).get(path).status_code == 404
        assert client_of(coop.outsider).get(path).status_code == 404


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"year": "1"}, "year"),
        ({"year": "20260"}, "year"),
        ({"year": "x"}, "year"),
        ({"centre": "atlantis"}, "centre"),
        ({"country": "ZZ"}, "country"),
        ({"country": "\u4e2d\u56fd"}, "country"),
        ({"field": "99.99"}, "field"),
        ({"event": "no-such-event"}, "event"),
    ],
)
def test_impossible_filters_answer_422_with_the_field_and_reason(params: dict[str, str], field: str) -> None:
    coop = build_coop()
    for path in ("/api/v1/statistics/funnel", "/api/v1/statistics/indicators"):
        response = client_of(coop.broker).get(path, params)
        assert response.status_code == 422
        problem = response.json()["detail"][0]
        assert problem["field"] == field
        assert problem["reason"]
