"""Weekly opening hours on the instrument's wall clock, turned into absolute intervals.

Each local date is expanded separately with ``zoneinfo``, so a day that opens 08:00-20:00
lasts 12 real hours on ordinary days and still 12 on daylight-saving days unless the
change falls inside it (then 11 or 13). A nonexistent wall time (the skipped spring-forward
hour) is read with the offset in force before the change, the standard ``fold=0`` reading.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from techbridge_core.booking.intervals import Interval, merge

MONDAY, SUNDAY = 0, 6


@dataclass(frozen=True, slots=True)
class OpeningWindow:
    """Open on ``weekday`` (0 = Monday) from ``opens`` to ``closes``.

    ``closes == time(0)`` means midnight at the end of the day, so a 24-hour day is
    ``OpeningWindow(d, time(0), time(0))``.
    """

    weekday: int
    opens: time
    closes: time

    def __post_init__(self) -> None:
        if not MONDAY <= self.weekday <= SUNDAY:
            raise ValueError("weekday must be 0 (Monday) to 6 (Sunday)")
        if self.opens.tzinfo is not None or self.closes.tzinfo is not None:
            raise ValueError("opening times are wall-clock times without a zone")
        if self.closes != time(0) and self.closes <= self.opens:
            raise ValueError("a window must close after it opens (use time(0) for midnight)")


def always_open() -> tuple[OpeningWindow, ...]:
    return tuple(OpeningWindow(day, time(0), time(0)) for day in range(7))


def weekdays(opens: time, closes: time) -> tuple[OpeningWindow, ...]:
    """Monday to Friday with the same hours, the common case."""
    return tuple(OpeningWindow(day, opens, closes) for day in range(5))


def open_intervals(windows: tuple[OpeningWindow, ...], span: Interval, tz: ZoneInfo) -> tuple[Interval, ...]:
    """The instants of ``span`` at which the instrument is open, merged and clipped."""
    pieces: list[Interval] = []
    for day in _local_dates(span, tz):
        for window in windows:
            if window.weekday == day.weekday():
                clipped = _clip(_window_on(day, window, tz), span)
                if clipped is not None:
                    pieces.append(clipped)
    return merge(pieces)


def _window_on(day: date, window: OpeningWindow, tz: ZoneInfo) -> Interval:
    start = datetime.combine(day, window.opens, tzinfo=tz)
    end_day = day + timedelta(days=1) if window.closes == time(0) else day
    end = datetime.combine(end_day, window.closes, tzinfo=tz)
    return Interval(start, end)


def _clip(window: Interval, span: Interval) -> Interval | None:
    start, end = max(window.start, span.start), min(window.end, span.end)
    return Interval(start, end) if start < end else None


def _local_dates(span: Interval, tz: ZoneInfo) -> Iterator[date]:
    day = span.start.astimezone(tz).date() - timedelta(days=1)
    last = span.end.astimezone(tz).date()
    while day <= last:
        yield day
        day += timedelta(days=1)
