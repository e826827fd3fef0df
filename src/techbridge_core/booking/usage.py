"""Usage figures for statistics: utilisation, actual against reserved time, no-shows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from fractions import Fraction

from techbridge_core.booking.intervals import Interval, intersect_all
from techbridge_core.booking.opening_hours import open_intervals
from techbridge_core.booking.policy import InstrumentPolicy


@dataclass(frozen=True, slots=True)
class Utilisation:
    booked: timedelta
    """Booked time inside opening hours, summed over bookings (several may run at once)."""
    available: timedelta
    """Open time times capacity: what could have been booked."""

    @property
    def ratio(self) -> Fraction:
        if not self.available:
            return Fraction(0)
        return Fraction(self.booked // timedelta(seconds=1), self.available // timedelta(seconds=1))


def utilisation(bookings: Iterable[Interval], *, policy: InstrumentPolicy, period: Interval) -> Utilisation:
    opened = open_intervals(policy.opening_hours, period, policy.time_zone)
    booked = sum(
        (part.duration for booking in bookings for part in intersect_all((booking,), opened)),
        timedelta(0),
    )
    available = sum((piece.duration for piece in opened), timedelta(0)) * policy.capacity
    return Utilisation(booked=booked, available=available)


@dataclass(frozen=True, slots=True)
class Attendance:
    """A past booking with what actually happened (check-in / check-out times)."""

    reserved: Interval
    checked_in: datetime | None = None
    checked_out: datetime | None = None


@dataclass(frozen=True, slots=True)
class AttendanceSummary:
    reserved: timedelta
    actual: timedelta
    no_shows: int
    missing_check_outs: int
    """Sessions checked in but never out: counted as used until the reserved end."""


def attendance_summary(
    records: Iterable[Attendance], *, now: datetime, grace: timedelta = timedelta(minutes=15)
) -> AttendanceSummary:
    """A booking is a no-show when nobody checked in by ``start + grace``; bookings whose
    grace has not yet passed are left out entirely."""
    reserved = actual = timedelta(0)
    no_shows = missing = 0
    for record in records:
        if now < record.reserved.start + grace and record.checked_in is None:
            continue
        reserved += record.reserved.duration
        if record.checked_in is None:
            no_shows += 1
            continue
        end = record.checked_out
        if end is None:
            missing += 1
            end = max(record.reserved.end, record.checked_in)
        actual += end.astimezone(UTC) - record.checked_in.astimezone(UTC)
    return AttendanceSummary(reserved, actual, no_shows, missing)
