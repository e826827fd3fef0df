from __future__ import annotations

from datetime import timedelta

import pytest
from booking_factories import at, make_policy, span

from techbridge_core.booking import Reason, ReasonCode
from techbridge_core.booking.capacity import FullPeriods, full_periods
from techbridge_core.booking.intervals import Interval


def test_full_periods_capacity_one_joins_back_to_back_bookings() -> None:
    bookings = [span(at(2, 10), 60), span(at(2, 11), 60), span(at(2, 14), 30)]
    assert full_periods(bookings, 1) == (Interval(at(2, 10), at(2, 12)), span(at(2, 14), 30))


def test_full_periods_capacity_two_only_where_two_overlap() -> None:
    bookings = [span(at(2, 10), 120), span(at(2, 11), 120), span(at(2, 12), 60)]
    assert full_periods(bookings, 2) == (Interval(at(2, 11), at(2, 13)),)


def test_full_periods_touching_ends_do_not_add_up() -> None:
    bookings = [span(at(2, 10), 60), span(at(2, 11), 60)]
    assert full_periods(bookings, 2) == ()


def test_first_conflict_ignores_period_ending_at_request_start() -> None:
    full = FullPeriods.build([span(at(2, 10), 60), span(at(2, 13), 60)], 1)
    assert full.first_conflict(span(at(2, 11), 120)) is None
    assert full.first_conflict(span(at(2, 11), 150)) == span(at(2, 13), 60)


def test_policy_rejects_granularity_not_dividing_a_day() -> None:
    with pytest.raises(ValueError, match="granularity"):
        make_policy(granularity=timedelta(minutes=7))


def test_policy_rejects_zero_capacity() -> None:
    with pytest.raises(ValueError, match="capacity"):
        make_policy(capacity=0)


def test_reason_params_are_sorted_and_readable_as_a_mapping() -> None:
    reason = Reason.of(ReasonCode.TOO_LONG, max_minutes=240, extra="x")
    assert reason.params == (("extra", "x"), ("max_minutes", 240))
    assert reason.params_dict == {"extra": "x", "max_minutes": 240}
