"""Which slots fall outside a participant's working hours in their own time zone."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo


def slots_outside_working_hours(
    *,
    slot_starts: Sequence[datetime],
    slot_minutes: int,
    time_zone: ZoneInfo,
    day_start: time,
    day_end: time,
) -> frozenset[int]:
    """Indices of slots that do not lie wholly within ``day_start``-``day_end`` local time.

    ``slot_starts`` must be aware datetimes. Each slot is converted to the participant's zone
    on its own date, so a daylight-saving change between event days (or between the organiser's
    and the participant's zones) moves the boundary correctly. Working hours must not cross
    midnight. Arithmetic happens in UTC: adding a timedelta to a local wall time would ignore
    a transition falling inside the slot.
    """
    if day_end <= day_start:
        msg = "working hours must end after they start on the same day"
        raise ValueError(msg)
    length = timedelta(minutes=slot_minutes)
    outside: set[int] = set()
    for number, start in enumerate(slot_starts):
        if start.tzinfo is None or start.utcoffset() is None:
            msg = f"slot {number} starts at a naive datetime {start!r}"
            raise ValueError(msg)
        utc_start = start.astimezone(UTC)
        local_start = utc_start.astimezone(time_zone)
        local_end = (utc_start + length).astimezone(time_zone)
        if not _within(local_start, local_end, day_start, day_end):
            outside.add(number)
    return frozenset(outside)


def _within(local_start: datetime, local_end: datetime, day_start: time, day_end: time) -> bool:
    # A slot ending at local midnight ends on the next date, so it is outside any day.
    return (
        local_start.date() == local_end.date()
        and local_start.time() >= day_start
        and local_end.time() <= day_end
    )
