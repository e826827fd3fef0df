"""When is an instrument full? A sweep over booking starts and ends.

With ``capacity`` c, a new booking fits unless some instant of it already has c bookings
running. The full periods are computed once (O(n log n)) and then each request is a
binary search, which is what keeps suggestions fast on a busy month.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from techbridge_core.booking.intervals import Interval

_END, _START = 0, 1  # at one instant ends sort first: touching bookings never co-occur


def full_periods(bookings: Iterable[Interval], capacity: int) -> tuple[Interval, ...]:
    """Sorted disjoint spans during which at least ``capacity`` bookings run."""
    events = sorted(
        event for interval in bookings for event in ((interval.start, _START), (interval.end, _END))
    )
    periods: list[Interval] = []
    running = 0
    full_since: datetime | None = None
    for moment, kind in events:
        running += 1 if kind == _START else -1
        if running >= capacity and full_since is None:
            full_since = moment
        elif running < capacity and full_since is not None:
            if full_since < moment:
                periods.append(Interval(full_since, moment))
            full_since = None
    return _join_touching(periods)


@dataclass(frozen=True, slots=True)
class FullPeriods:
    """``full_periods`` indexed for binary search."""

    periods: tuple[Interval, ...]
    ends: tuple[datetime, ...]

    @classmethod
    def build(cls, bookings: Iterable[Interval], capacity: int) -> FullPeriods:
        periods = full_periods(bookings, capacity)
        return cls(periods, tuple(period.end for period in periods))

    def first_conflict(self, interval: Interval) -> Interval | None:
        """The first full period overlapping ``interval``, if any."""
        index = bisect_right(self.ends, interval.start)
        if index < len(self.periods) and self.periods[index].start < interval.end:
            return self.periods[index]
        return None


def _join_touching(periods: list[Interval]) -> tuple[Interval, ...]:
    joined: list[Interval] = []
    for period in periods:
        if joined and joined[-1].end == period.start:
            joined[-1] = Interval(joined[-1].start, period.end)
        else:
            joined.append(period)
    return tuple(joined)
