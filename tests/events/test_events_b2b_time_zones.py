"""Online meetings: a remote participant in Budapest and one in Chongqing must share a slot of their
working days; daylight saving moves Budapest's day by an hour."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
from b2b_world import NOW, build_b2b, send
from events_world import Events

from techbridge.events.domain.availability import shared_slots
from techbridge.events.domain.requests import RequestError
from techbridge.events.models import BlockedTime, Event, MeetingSession, Registration

pytestmark = pytest.mark.django_db


def _on_day(event: Event, day: date, *, hour_utc: int, slots: int) -> None:
    event.starts_on = event.ends_on = day
    event.save()
    MeetingSession.objects.filter(event=event).delete()
    MeetingSession.objects.create(
        event=event,
        starts_at=datetime(day.year, day.month, day.day, hour_utc, tzinfo=UTC),
        slots=slots,
        tables=3,
    )


def _remote(registration: Registration, zone: str, start: time, end: time) -> None:
    registration.remote = True
    registration.time_zone = zone
    registration.work_day_start, registration.work_day_end = start, end
    registration.save()


@pytest.fixture
def pair(events: Events) -> tuple[Registration, Registration]:
    b2b = build_b2b(events)
    _remote(b2b.anna, "Europe/Budapest", time(8), time(17))
    _remote(b2b.li, "Asia/Shanghai", time(9), time(18))
    return b2b.anna, b2b.li


# Two slots 06:00–07:00 UTC: 14:00–15:00 in Chongqing all year; in Budapest 08:00–09:00 in summer
# (UTC+2) but 07:00–08:00 in winter (UTC+1), before Anna's working day starts.
SUMMER = date(2027, 3, 29)  # the day after Europe switches to summer time
WINTER = date(2027, 3, 27)  # the day before


def test_summer_the_working_days_overlap_and_the_meeting_is_online(
    pair: tuple[Registration, Registration],
) -> None:
    anna, li = pair
    _on_day(anna.event, SUMMER, hour_utc=6, slots=2)
    assert [slot.starts_at.hour for slot in shared_slots(anna, li, anna.event)] == [6, 6]
    request = send(anna, li, now=NOW)
    assert request.pk is not None


def test_winter_the_same_utc_slots_fall_before_budapest_wakes_up(
    pair: tuple[Registration, Registration],
) -> None:
    anna, li = pair
    _on_day(anna.event, WINTER, hour_utc=6, slots=2)
    assert shared_slots(anna, li, anna.event) == []
    with pytest.raises(RequestError) as refused:
        send(anna, li, now=NOW)
    assert refused.value.code == "no_common_slot"
    message = refused.value.message
    assert "08:00–17:00 (Europe/Budapest)" in message
    assert "09:00–18:00 (Asia/Shanghai)" in message


def test_chongqing_morning_sessions_miss_budapest_entirely(pair: tuple[Registration, Registration]) -> None:
    anna, li = pair
    # 01:00–05:00 UTC is 09:00–13:00 in Chongqing and 03:00–07:00 in Budapest (summer).
    _on_day(anna.event, SUMMER, hour_utc=1, slots=8)
    with pytest.raises(RequestError) as refused:
        send(li, anna, now=NOW)
    assert refused.value.code == "no_common_slot"


def test_an_on_site_participant_is_not_held_to_working_hours(pair: tuple[Registration, Registration]) -> None:
    anna, li = pair
    li.remote = False
    li.save()
    _on_day(anna.event, SUMMER, hour_utc=6, slots=2)
    assert len(shared_slots(anna, li, anna.event)) == 2


def test_blocked_times_and_sessions_limit_the_shared_slots(pair: tuple[Registration, Registration]) -> None:
    anna, li = pair
    _on_day(anna.event, SUMMER, hour_utc=6, slots=2)
    BlockedTime.objects.create(
        registration=li,
        starts_at=datetime(2027, 3, 29, 6, 0, tzinfo=UTC),
        ends_at=datetime(2027, 3, 29, 6, 30, tzinfo=UTC),
    )
    assert [slot.slot_in_session for slot in shared_slots(anna, li, anna.event)] == [1]
    other = MeetingSession.objects.create(
        event=anna.event, starts_at=datetime(2027, 3, 29, 9, 30, tzinfo=UTC), slots=2, tables=1
    )
    anna.b2b_sessions.set([other])
    # Anna only attends the later session: 17:30–18:30 in Chongqing, so only its first slot fits Li's day.
    assert [(slot.session_id, slot.slot_in_session) for slot in shared_slots(anna, li, anna.event)] == [
        (other.pk, 0)
    ]
