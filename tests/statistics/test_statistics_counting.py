"""Statistics counted in the database: one query per source, exact under every filter (a filter
across a many-to-many path never repeats or merges records), medians from the database's counts
per number of days, months that add up to the year, and a bounded number of queries per page."""

from __future__ import annotations

import statistics
from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from stats_world import signed_project

from cooperation.coop_world import build_coop
from techbridge.statistics.domain.aggregates import refresh
from techbridge.statistics.domain.dashboard import build_dashboard
from techbridge.statistics.domain.figures import count_figure, count_years, figures, funnel
from techbridge.statistics.domain.scope import Scope
from techbridge.statistics.domain.sources import SOURCES, scoped
from techbridge_core.analytics import INDICATORS, Unit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_figures() -> None:
    cache.clear()


def test_two_equal_contracts_seen_through_a_country_filter_both_count_in_the_value() -> None:
    coop = build_coop()
    signed_project(coop, signed=date(2026, 2, 1), implemented=None)
    signed_project(coop, signed=date(2026, 2, 1), implemented=None)
    for scope in (Scope(year=2026), Scope(year=2026, country="HU"), Scope(year=2026, centre=coop.centre)):
        value = count_figure("technology_contract_value", scope)
        assert value.per_currency == {"CNY": Decimal("1000000.00")}, scope
        assert value.value == Decimal("1000000.00")
        assert count_figure("technology_contracts", scope).value == 2


def test_median_days_count_every_record_once_under_a_country_filter() -> None:
    coop = build_coop()
    # Two projects implemented 28 days after signing, one after 150: the median is 28 days, also
    # when the scope reaches the projects through their parties' countries.
    signed_project(coop, signed=date(2026, 2, 1), implemented=date(2026, 3, 1))
    signed_project(coop, signed=date(2026, 2, 1), implemented=date(2026, 3, 1))
    signed_project(coop, signed=date(2026, 2, 1), implemented=date(2026, 7, 1))
    for scope in (Scope(year=2026), Scope(year=2026, country="HU"), Scope(year=2026, country="CN")):
        cache.clear()
        implemented = {stage.code: stage for stage in funnel(scope)}["implemented"]
        assert implemented.count == 3
        assert implemented.median_days == 28.0, scope


def test_every_count_and_its_months_equal_the_records_counted_one_by_one() -> None:
    coop = build_coop()
    signed_project(coop, signed=date(2025, 12, 31), implemented=date(2026, 1, 1))
    signed_project(coop, signed=date(2026, 5, 2), implemented=date(2026, 11, 30))
    signed_project(coop, signed=date(2026, 5, 2), implemented=None, confidential=True)
    for scope in (Scope(year=2026), Scope(year=2026, country="HU"), Scope(year=2026, centre=coop.centre)):
        counted = count_years(scope, range(2025, 2027))
        for year in (2025, 2026):
            for item in INDICATORS:
                if item.unit != Unit.COUNT or item.code in ("participant_countries", "instruments_shared"):
                    continue
                source = SOURCES[item.code]
                if not source.applies_to(scope):
                    assert not counted[year].figures[item.code].applicable
                    continue
                records = set(scoped(source, scope, year=year).values_list("pk", flat=True))
                assert counted[year].figures[item.code].value == len(records), (item.code, scope, year)
                assert sum(counted[year].months[item.code]) == len(records), (item.code, scope, year)
    months = count_years(Scope(year=2026), range(2026, 2027))[2026].months
    assert months["implemented"] == (1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0)
    assert months["projects_signed"] == (0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0)


def test_the_median_equals_the_median_of_the_pairs_in_python() -> None:
    coop = build_coop()
    pairs = [(date(2026, 1, 5), date(2026, 1, 9)), (date(2026, 2, 1), date(2026, 4, 1))]
    pairs += [(date(2026, 3, 1), date(2026, 3, 31)), (date(2026, 3, 3), date(2026, 9, 3))]
    for signed, implemented in pairs:
        signed_project(coop, signed=signed, implemented=implemented)
    expected = statistics.median((later - earlier).days for earlier, later in pairs)
    implemented = {stage.code: stage for stage in funnel(Scope(year=2026))}["implemented"]
    assert implemented.median_days == expected


def test_a_dashboard_reads_a_few_aggregate_rows_and_reuses_the_year_before() -> None:
    coop = build_coop()
    signed_project(coop, signed=date(2026, 2, 1), implemented=date(2026, 3, 1))
    scope = Scope(year=2026, centre=coop.centre)
    refresh()  # what the periodic job (or the first reader) does with the changes marked above
    with CaptureQueriesContext(connection) as first:
        build_dashboard(scope, suppress_small=True)
    # Both years' counts and distinct values, the medians, 2 breakdowns, a label query, and two
    # small checks that nothing waits to be counted per figure read: was ~26 counting queries
    # over the records (and ~60 before that), none of which grows with the records any more.
    sql = [query["sql"] for query in first]
    assert len(sql) <= 20, [query[:120] for query in sql]
    assert not [query for query in sql if "cooperation_" in query or "market_" in query], sql
    with CaptureQueriesContext(connection) as again:
        board = build_dashboard(scope, suppress_small=True)
    assert len(again) < len(first)
    assert figures(scope.previous_year()) == {row.indicator.code: row.previous for row in board.indicators}
