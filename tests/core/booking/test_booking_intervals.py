from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import pairwise

import pytest
from booking_factories import BUDAPEST, at, span
from hypothesis import given, settings
from hypothesis import strategies as st

from techbridge_core.booking.intervals import (
    Interval,
    free_windows,
    intersect_all,
    merge,
    overlaps,
    subtract,
    total_duration,
)

BASE = datetime(2026, 6, 1, tzinfo=UTC)


def hours(start: int, end: int) -> Interval:
    return Interval(BASE + timedelta(hours=start), BASE + timedelta(hours=end))


def test_interval_rejects_naive_datetimes() -> None:
    with pytest.raises(ValueError, match="aware"):
        Interval(datetime(2026, 6, 1, 9), datetime(2026, 6, 1, 10))  # noqa: DTZ001 - the point


def test_interval_rejects_empty_span() -> None:
    with pytest.raises(ValueError, match="after its start"):
        hours(3, 3)


def test_interval_is_stored_in_utc_so_dst_days_have_real_length() -> None:
    day = Interval(datetime(2026, 3, 29, tzinfo=BUDAPEST), datetime(2026, 3, 30, tzinfo=BUDAPEST))
    assert day.duration == timedelta(hours=23)


def test_overlaps_touching_intervals_do_not_overlap() -> None:
    assert overlaps(hours(1, 2), hours(2, 3)) is False


def test_overlaps_sharing_one_minute_overlap() -> None:
    assert overlaps(span(at(1, 10), 60), span(at(1, 10, 59), 60)) is True


def test_merge_joins_touching_and_overlapping() -> None:
    assert merge([hours(5, 6), hours(1, 2), hours(2, 3), hours(2, 4)]) == (
        hours(1, 4),
        hours(5, 6),
    )


def test_subtract_cuts_holes_from_several_pieces() -> None:
    assert subtract([hours(0, 10), hours(12, 20)], [hours(2, 3), hours(9, 13), hours(19, 30)]) == (
        hours(0, 2),
        hours(3, 9),
        hours(13, 19),
    )


def test_free_windows_drops_gaps_shorter_than_min_length() -> None:
    windows = free_windows(hours(0, 10), [hours(1, 2), hours(3, 8)], min_length=timedelta(hours=2))
    assert windows == (hours(8, 10),)


def test_intersect_all_keeps_common_parts() -> None:
    assert intersect_all([hours(0, 5), hours(8, 12)], [hours(4, 9), hours(11, 20)]) == (
        hours(4, 5),
        hours(8, 9),
        hours(11, 12),
    )


# Property test: intervals on a small integer hour line, compared to sets of hours.
small_intervals = st.lists(
    st.tuples(st.integers(0, 23), st.integers(1, 6)).map(lambda p: hours(p[0], p[0] + p[1])),
    max_size=6,
)


def hour_set(intervals: tuple[Interval, ...] | list[Interval]) -> set[int]:
    return {
        hour
        for interval in intervals
        for hour in range(
            (interval.start - BASE) // timedelta(hours=1),
            (interval.end - BASE) // timedelta(hours=1),
        )
    }


def assert_sorted_disjoint(intervals: tuple[Interval, ...]) -> None:
    for before, after in pairwise(intervals):
        assert before.end < after.start


@settings(max_examples=150, deadline=None, derandomize=True)
@given(base=small_intervals, holes=small_intervals)
def test_interval_algebra_matches_set_algebra(base: list[Interval], holes: list[Interval]) -> None:
    merged, remaining = merge(base), subtract(base, holes)
    common = intersect_all(base, holes)
    assert hour_set(merged) == hour_set(base)
    assert hour_set(remaining) == hour_set(base) - hour_set(holes)
    assert hour_set(common) == hour_set(base) & hour_set(holes)
    assert total_duration(base) == timedelta(hours=len(hour_set(base)))
    for result in (merged, remaining, common):
        assert_sorted_disjoint(result)
    assert not any(overlaps(piece, hole) for piece in remaining for hole in holes)
