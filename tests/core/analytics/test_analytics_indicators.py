from __future__ import annotations

import statistics
from datetime import date

import pytest

from techbridge_core.analytics import (
    FUNNEL,
    INDICATORS,
    PeriodError,
    Suppressed,
    Unit,
    funnel_stages,
    indicator,
    median_days,
    median_of_counts,
    monthly_counts,
    suppress_small_groups,
    year_bounds,
    year_on_year,
)


def test_indicator_codes_are_unique_and_every_funnel_step_is_defined() -> None:
    codes = [item.code for item in INDICATORS]
    assert len(codes) == len(set(codes))
    assert all(indicator(step).code == step for step in FUNNEL)


def test_every_indicator_is_named_and_explained_in_three_languages() -> None:
    for item in INDICATORS:
        for text in (item.name, item.counts, item.dated_by):
            assert all((text.en, text.zh_hans, text.hu)), item.code
            assert text.in_language("zh-hans") == text.zh_hans
            assert text.in_language("hu") == text.hu
            assert text.in_language("de") == text.en


def test_unknown_indicator_names_the_known_ones() -> None:
    with pytest.raises(KeyError, match="implemented"):
        indicator("projects_dreamt")


def test_only_money_indicators_may_hold_confidential_values() -> None:
    assert {item.code for item in INDICATORS if item.confidential_values} == {
        item.code for item in INDICATORS if item.unit is Unit.AMOUNT
    }


def test_funnel_stages_give_conversion_from_the_step_before() -> None:
    stages = funnel_stages(("a", "b", "c", "d"), {"a": 40, "b": 10, "c": 0, "d": 0})
    assert [stage.count for stage in stages] == [40, 10, 0, 0]
    assert [stage.conversion for stage in stages] == [None, 0.25, 0.0, None]


def test_funnel_step_missing_from_counts_counts_zero() -> None:
    assert funnel_stages(("a", "b"), {"a": 3})[1].count == 0


def test_funnel_refuses_negative_counts() -> None:
    with pytest.raises(ValueError, match="negative"):
        funnel_stages(("a",), {"a": -1})


def test_median_days_leaves_out_pairs_in_the_wrong_order() -> None:
    pairs = [
        (date(2026, 1, 1), date(2026, 1, 11)),
        (date(2026, 1, 1), date(2026, 1, 31)),
        (date(2026, 3, 1), date(2026, 2, 1)),
    ]
    assert median_days(pairs) == 20.0
    assert median_days([]) is None


@pytest.mark.parametrize(
    "values",
    [[5], [1, 2], [3, 3, 3, 9], [0, 7, 7, 2, 40, 41], [10, 1, 1, 1, 1, 1, 200], list(range(0, 101, 3))],
)
def test_median_of_counts_equals_the_median_of_the_expanded_values(values: list[int]) -> None:
    counts: dict[int, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    assert median_of_counts(counts) == statistics.median(values)


def test_median_of_counts_leaves_out_negative_durations() -> None:
    assert median_of_counts({-30: 5, 10: 1, 30: 1}) == 20.0
    assert median_of_counts({-1: 3}) is None
    assert median_of_counts({}) is None


def test_year_bounds_are_half_open_and_refuse_impossible_years() -> None:
    assert year_bounds(2026) == (date(2026, 1, 1), date(2027, 1, 1))
    for year in (1, 1969, 2201, 9999):
        with pytest.raises(PeriodError, match="1970"):
            year_bounds(year)


def test_monthly_counts_keep_only_the_year_asked() -> None:
    days = [date(2026, 1, 5), date(2026, 1, 31), date(2026, 12, 31), date(2025, 12, 31)]
    assert monthly_counts(days, 2026) == (2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1)


def test_year_on_year_is_none_after_an_empty_year() -> None:
    assert year_on_year(15, 10) == 0.5
    assert year_on_year(3, 0) is None


def test_small_groups_are_suppressed_and_a_lone_one_takes_the_next_smallest_with_it() -> None:
    shown = suppress_small_groups({"HU": 12, "CN": 40, "RS": 2, "PL": 7}, minimum=5)
    assert shown == {"HU": 12, "CN": 40, "RS": Suppressed(5), "PL": Suppressed(5)}


def test_two_small_groups_hide_only_themselves() -> None:
    shown = suppress_small_groups({"HU": 12, "RS": 2, "PL": 3}, minimum=5)
    assert shown == {"HU": 12, "RS": Suppressed(5), "PL": Suppressed(5)}


def test_empty_groups_are_shown_and_minimum_one_hides_nothing() -> None:
    assert suppress_small_groups({"HU": 0, "CN": 9}, minimum=5) == {"HU": 0, "CN": 9}
    assert suppress_small_groups({"HU": 1}, minimum=1) == {"HU": 1}
