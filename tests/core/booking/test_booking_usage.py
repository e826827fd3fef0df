from __future__ import annotations

from datetime import time, timedelta
from fractions import Fraction

from booking_factories import at, make_policy, span

from techbridge_core.booking import weekdays
from techbridge_core.booking.intervals import Interval
from techbridge_core.booking.usage import (
    Attendance,
    AttendanceSummary,
    Utilisation,
    attendance_summary,
    utilisation,
)

WEEK = Interval(at(1, 0), at(8, 0))  # Monday to Monday


def test_utilisation_counts_only_opening_hours() -> None:
    policy = make_policy(opening_hours=weekdays(time(8), time(18)))
    bookings = [span(at(2, 7), 120), span(at(3, 8), 600)]  # first one starts before opening
    result = utilisation(bookings, policy=policy, period=WEEK)
    assert result == Utilisation(booked=timedelta(hours=11), available=timedelta(hours=50))
    assert result.ratio == Fraction(11, 50)


def test_utilisation_scales_available_time_by_capacity() -> None:
    policy = make_policy(opening_hours=weekdays(time(8), time(18)), capacity=2)
    bookings = [span(at(2, 8), 600), span(at(2, 8), 600)]  # 20 h of 2 x 50 h
    assert utilisation(bookings, policy=policy, period=WEEK).ratio == Fraction(1, 5)


def test_utilisation_of_closed_period_is_zero() -> None:
    policy = make_policy(opening_hours=weekdays(time(8), time(18)))
    weekend = Interval(at(6, 0), at(8, 0))
    assert utilisation([], policy=policy, period=weekend).ratio == Fraction(0)


def test_attendance_summary_counts_actual_time_and_no_shows() -> None:
    records = [
        Attendance(span(at(2, 10), 120), at(2, 10, 10), at(2, 11, 40)),  # 90 min used
        Attendance(span(at(3, 10), 60)),  # nobody came
        Attendance(span(at(4, 10), 60), at(4, 10)),  # forgot to check out
        Attendance(span(at(5, 10), 60)),  # grace not yet over: left out
    ]
    summary = attendance_summary(records, now=at(5, 10, 10), grace=timedelta(minutes=15))
    assert summary == AttendanceSummary(
        reserved=timedelta(hours=4),
        actual=timedelta(minutes=150),
        no_shows=1,
        missing_check_outs=1,
    )


def test_attendance_summary_exactly_at_grace_end_is_a_no_show() -> None:
    records = [Attendance(span(at(5, 10), 60))]
    summary = attendance_summary(records, now=at(5, 10, 15), grace=timedelta(minutes=15))
    assert summary.no_shows == 1
