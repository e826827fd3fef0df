"""Half-open ``[start, end)`` intervals of aware datetimes and their algebra.

Half-open intervals make "a booking ending exactly when another starts" a non-overlap,
which is what PostgreSQL's ``tstzrange(start, end, '[)')`` exclusion constraint does too.
Every function that returns several intervals returns them sorted and disjoint.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta


@dataclass(frozen=True, order=True, slots=True)
class Interval:
    """A non-empty half-open time span; both ends must carry a time zone.

    Ends are stored in UTC: Python compares and subtracts two datetimes sharing one
    ``ZoneInfo`` by wall clock, which is wrong across a daylight-saving change.
    """

    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise ValueError("interval ends must be aware datetimes")
        if self.start.tzinfo is not UTC:
            object.__setattr__(self, "start", self.start.astimezone(UTC))
        if self.end.tzinfo is not UTC:
            object.__setattr__(self, "end", self.end.astimezone(UTC))
        if self.end <= self.start:
            raise ValueError("interval end must be after its start")

    @property
    def duration(self) -> timedelta:
        return self.end - self.start

    def contains_instant(self, moment: datetime) -> bool:
        return self.start <= moment < self.end

    def covers(self, other: Interval) -> bool:
        return self.start <= other.start and other.end <= self.end


def overlaps(first: Interval, second: Interval) -> bool:
    """True when the two spans share at least one instant (touching ends do not)."""
    return first.start < second.end and second.start < first.end


def intersection(first: Interval, second: Interval) -> Interval | None:
    start, end = max(first.start, second.start), min(first.end, second.end)
    return Interval(start, end) if start < end else None


def merge(intervals: Iterable[Interval]) -> tuple[Interval, ...]:
    """Union as sorted disjoint spans; touching spans are joined into one."""
    merged: list[Interval] = []
    for interval in sorted(intervals):
        if merged and interval.start <= merged[-1].end:
            last = merged[-1]
            merged[-1] = Interval(last.start, max(last.end, interval.end))
        else:
            merged.append(interval)
    return tuple(merged)


def subtract(base: Iterable[Interval], holes: Iterable[Interval]) -> tuple[Interval, ...]:
    """Parts of ``base`` not covered by any of ``holes`` (linear merge of sorted spans)."""
    remaining: list[Interval] = []
    sorted_holes = merge(holes)
    first_relevant = 0
    for piece in merge(base):
        cursor = piece.start
        index = first_relevant
        while index < len(sorted_holes) and sorted_holes[index].start < piece.end:
            hole = sorted_holes[index]
            if hole.end <= cursor:
                first_relevant = index + 1
            else:
                if hole.start > cursor:
                    remaining.append(Interval(cursor, hole.start))
                cursor = max(cursor, hole.end)
            index += 1
        if cursor < piece.end:
            remaining.append(Interval(cursor, piece.end))
    return tuple(remaining)


def intersect_all(first: Iterable[Interval], second: Iterable[Interval]) -> tuple[Interval, ...]:
    """Instants lying in both collections."""
    left, right = merge(first), merge(second)
    result: list[Interval] = []
    i = j = 0
    while i < len(left) and j < len(right):
        common = intersection(left[i], right[j])
        if common is not None:
            result.append(common)
        if left[i].end <= right[j].end:
            i += 1
        else:
            j += 1
    return tuple(result)


def free_windows(
    horizon: Interval, busy: Iterable[Interval], *, min_length: timedelta = timedelta(0)
) -> tuple[Interval, ...]:
    """Gaps of ``horizon`` left by ``busy`` that last at least ``min_length``."""
    gaps = subtract((horizon,), busy)
    return tuple(gap for gap in gaps if gap.duration >= min_length)


def total_duration(intervals: Iterable[Interval]) -> timedelta:
    """Length of the union (overlaps counted once)."""
    return sum((interval.duration for interval in merge(intervals)), timedelta(0))
