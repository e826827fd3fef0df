"""The slot grid: starts and ends aligned to a granularity on the instrument's wall clock.

Alignment is judged in local time (a 60-minute grid in Asia/Kolkata falls on :00 local,
which is :30 UTC). Across a daylight-saving change the grid follows the wall clock, so
the repeated hour on a fall-back day has its grid points twice and the skipped hour of a
spring-forward day has none.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

MINUTES_PER_DAY = 24 * 60
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def validate_granularity(granularity: timedelta) -> None:
    minutes, remainder = divmod(granularity, timedelta(minutes=1))
    if remainder or minutes <= 0 or MINUTES_PER_DAY % minutes:
        raise ValueError("granularity must be a whole number of minutes dividing a day")


def is_aligned(moment: datetime, *, granularity: timedelta, tz: ZoneInfo) -> bool:
    local = moment.astimezone(tz)
    if local.second or local.microsecond:
        return False
    minute_of_day = local.hour * 60 + local.minute
    return minute_of_day % (granularity // timedelta(minutes=1)) == 0


def next_aligned(moment: datetime, *, granularity: timedelta, tz: ZoneInfo) -> datetime:
    """The first grid point at or after ``moment``."""
    step = granularity // timedelta(minutes=1)
    minute = _ceil_epoch_minute(moment)
    for _ in range(MINUTES_PER_DAY):
        # Within one UTC offset the grid is every `step` minutes from a fixed residue;
        # an offset change between `minute` and the guess is resolved by also trying the
        # residue of the new offset.
        guess = minute + (-(minute + _offset_minutes(minute, tz))) % step
        after_change = minute + (-(minute + _offset_minutes(guess, tz))) % step
        candidates = sorted({guess, after_change, after_change + step})
        for candidate in candidates:
            point = _from_epoch_minute(candidate)
            if candidate >= minute and is_aligned(point, granularity=granularity, tz=tz):
                return point
        minute = candidates[-1]
    raise ValueError("no grid point found within a day")  # pragma: no cover - needs 1440 offsets


def grid_points(
    start: datetime, end: datetime, *, granularity: timedelta, tz: ZoneInfo
) -> Iterator[datetime]:
    """Grid points ``p`` with ``start <= p < end``, ascending."""
    point = next_aligned(start, granularity=granularity, tz=tz)
    while point < end:
        yield point
        point = next_aligned(point + timedelta(minutes=1), granularity=granularity, tz=tz)


def _ceil_epoch_minute(moment: datetime) -> int:
    minutes, remainder = divmod(moment - _EPOCH, timedelta(minutes=1))
    return minutes + (1 if remainder else 0)


def _from_epoch_minute(minute: int) -> datetime:
    return _EPOCH + timedelta(minutes=minute)


def _offset_minutes(minute: int, tz: ZoneInfo) -> int:
    offset = _from_epoch_minute(minute).astimezone(tz).utcoffset()
    if offset is None:  # pragma: no cover - ZoneInfo always answers for aware datetimes
        raise ValueError("time zone without offset")
    return offset // timedelta(minutes=1)
