from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from techbridge_core.scheduling import slots_outside_working_hours

BUDAPEST = ZoneInfo("Europe/Budapest")
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _slots(first: datetime, count: int, minutes: int = 60) -> list[datetime]:
    return [first + timedelta(minutes=minutes * n) for n in range(count)]


def test_slots_outside_working_hours_shanghai_participant_in_budapest_summer() -> None:
    # 09:00-13:00 in Budapest (CEST, UTC+2) is 15:00-19:00 in Shanghai (UTC+8).
    starts = _slots(datetime(2026, 7, 1, 9, tzinfo=BUDAPEST), 4)

    outside = slots_outside_working_hours(
        slot_starts=starts, slot_minutes=60, time_zone=SHANGHAI, day_start=time(9), day_end=time(18)
    )

    assert outside == frozenset({3})


def test_slots_outside_working_hours_shanghai_participant_in_budapest_winter() -> None:
    # Same wall-clock slots in winter (CET, UTC+1) are 16:00-20:00 in Shanghai: one more out.
    starts = _slots(datetime(2026, 1, 14, 9, tzinfo=BUDAPEST), 4)

    outside = slots_outside_working_hours(
        slot_starts=starts, slot_minutes=60, time_zone=SHANGHAI, day_start=time(9), day_end=time(18)
    )

    assert outside == frozenset({2, 3})


def test_slots_outside_working_hours_across_spring_forward_night() -> None:
    # Budapest moves from UTC+1 to UTC+2 at 01:00 UTC on 29 March 2026. Slots given in UTC
    # at 07:00 on both days are 08:00 local before the change and 09:00 after it.
    starts = [datetime(2026, 3, 28, 7, tzinfo=UTC), datetime(2026, 3, 29, 7, tzinfo=UTC)]

    outside = slots_outside_working_hours(
        slot_starts=starts, slot_minutes=30, time_zone=BUDAPEST, day_start=time(9), day_end=time(17)
    )

    assert outside == frozenset({0})


def test_slots_outside_working_hours_slot_spanning_fall_back_hour() -> None:
    # 25 October 2026: 03:00 CEST becomes 02:00 CET. A 60-minute slot from 02:30 CEST
    # (00:30 UTC) ends at 02:30 CET, still before 03:00 local, so it is inside 00:00-03:00.
    starts = [datetime(2026, 10, 25, 0, 30, tzinfo=UTC)]

    outside = slots_outside_working_hours(
        slot_starts=starts, slot_minutes=60, time_zone=BUDAPEST, day_start=time(0), day_end=time(3)
    )

    assert outside == frozenset()


def test_slots_outside_working_hours_slot_crossing_midnight_is_outside() -> None:
    starts = [datetime(2026, 7, 1, 15, 30, tzinfo=UTC)]  # 23:30-00:30 in Shanghai

    outside = slots_outside_working_hours(
        slot_starts=starts,
        slot_minutes=60,
        time_zone=SHANGHAI,
        day_start=time(0),
        day_end=time(23, 59),
    )

    assert outside == frozenset({0})


def test_slots_outside_working_hours_rejects_naive_datetimes() -> None:
    with pytest.raises(ValueError, match="naive"):
        slots_outside_working_hours(
            slot_starts=[datetime(2026, 7, 1, 9)],  # noqa: DTZ001 - the naive input is the point
            slot_minutes=30,
            time_zone=SHANGHAI,
            day_start=time(9),
            day_end=time(17),
        )
