"""Booked time per local day and ISO week, for one user and their organisation.

Days and weeks are those of the instrument's time zone, so a booking from 22:00 to
02:00 counts two hours on each date, and a 25-hour fall-back day really holds 25 hours.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from techbridge_core.booking.intervals import Interval
from techbridge_core.booking.reasons import Reason, ReasonCode, minutes
from techbridge_core.booking.values import ExistingBooking

_INSTANT = timedelta(microseconds=1)
WeekKey = tuple[int, int]
DayPieces = tuple[tuple[date, timedelta], ...]


@dataclass(frozen=True, slots=True)
class Usage:
    """Time booked per local date and per (ISO year, ISO week)."""

    daily: dict[date, timedelta]
    weekly: dict[WeekKey, timedelta]

    @classmethod
    def of(cls, intervals: Iterable[Interval], tz: ZoneInfo) -> Usage:
        daily: defaultdict[date, timedelta] = defaultdict(timedelta)
        weekly: defaultdict[WeekKey, timedelta] = defaultdict(timedelta)
        for interval in intervals:
            for day, piece in split_by_local_day(interval, tz):
                daily[day] += piece
                weekly[week_of(day)] += piece
        return cls(dict(daily), dict(weekly))


@dataclass(frozen=True, slots=True)
class QuotaLedger:
    user: Usage
    organisation: Usage

    @classmethod
    def for_booker(
        cls,
        *,
        user_id: int,
        organisation_id: int,
        existing: Iterable[ExistingBooking],
        tz: ZoneInfo,
    ) -> QuotaLedger:
        bookings = tuple(existing)
        mine = (b.interval for b in bookings if b.user_id == user_id)
        ours = (b.interval for b in bookings if b.organisation_id == organisation_id)
        return cls(Usage.of(mine, tz), Usage.of(ours, tz))


def week_of(day: date) -> WeekKey:
    iso = day.isocalendar()
    return (iso.year, iso.week)


def split_by_local_day(interval: Interval, tz: ZoneInfo) -> Iterator[tuple[date, timedelta]]:
    """(local date, real time of ``interval`` on that date), in order."""
    day = interval.start.astimezone(tz).date()
    if (interval.end - _INSTANT).astimezone(tz).date() == day:  # the common, one-day case
        yield day, interval.duration
        return
    while True:
        day_start = _local_midnight(day, tz)
        day_end = _local_midnight(day + timedelta(days=1), tz)
        start, end = max(interval.start, day_start), min(interval.end, day_end)
        if start < end:
            yield day, end - start
        if day_end >= interval.end:
            return
        day += timedelta(days=1)


def _local_midnight(day: date, tz: ZoneInfo) -> datetime:
    # In UTC so that subtracting two midnights gives real (23, 24 or 25 h), not wall, time.
    return datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC)


def over_daily(
    code: ReasonCode, limit: timedelta | None, usage: Usage, pieces: DayPieces
) -> Iterator[Reason]:
    """A reason for each local date on which ``pieces`` would push ``usage`` past ``limit``."""
    if limit is None:
        return
    for day, requested in pieces:
        used = usage.daily.get(day, timedelta(0))
        if used + requested > limit:
            yield _over(code, day.isoformat(), limit, used, requested)


def over_weekly(
    code: ReasonCode, limit: timedelta | None, usage: Usage, pieces: DayPieces
) -> Iterator[Reason]:
    if limit is None:
        return
    requested_per_week: defaultdict[WeekKey, timedelta] = defaultdict(timedelta)
    for day, requested in pieces:
        requested_per_week[week_of(day)] += requested
    for (year, week), requested in sorted(requested_per_week.items()):
        used = usage.weekly.get((year, week), timedelta(0))
        if used + requested > limit:
            yield _over(code, f"{year}-W{week:02d}", limit, used, requested)


def _over(code: ReasonCode, period: str, limit: timedelta, used: timedelta, requested: timedelta) -> Reason:
    return Reason.of(
        code,
        period=period,
        limit_minutes=minutes(limit),
        used_minutes=minutes(used),
        requested_minutes=minutes(requested),
    )
