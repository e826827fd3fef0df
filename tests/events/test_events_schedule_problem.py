"""The database → scheduling problem mapping: sessions, tables, chosen sessions, blocked times, time zones."""

from __future__ import annotations

from datetime import date, time

from events_world import Events, make_event, make_session, register
from schedule_world import make_meeting, utc

from techbridge.events.domain.scheduling import build_event_problem
from techbridge.events.enums import MeetingStatus
from techbridge.events.models import BlockedTime, MeetingSession
from world import World


def test_sessions_in_start_order_give_consecutive_slot_ranges(events: Events) -> None:
    event = events.event
    later = MeetingSession.objects.create(event=event, starts_at=utc(2027, 5, 18, 6), slots=4, tables=5)
    a, b = register(event), register(event)
    make_meeting(event, a, b)

    mapped = build_event_problem(event)

    assert mapped.problem.sessions == ((0, 7), (8, 11))
    assert mapped.problem.n_slots == 12
    assert mapped.slots[8].session_id == later.pk
    assert mapped.slots[8].starts_at == utc(2027, 5, 18, 6)
    assert mapped.slots[1].starts_at == utc(2027, 5, 18, 1, 30)
    assert mapped.n_blockers == 0


def test_only_registrations_with_active_meetings_take_part(events: Events) -> None:
    event = events.event
    a, b, c, d = (register(event) for _ in range(4))
    kept = make_meeting(event, a, b)
    make_meeting(event, c, d, status=MeetingStatus.CANCELLED)

    mapped = build_event_problem(event)

    assert set(mapped.registration_ids) == {a.pk, b.pk}
    assert mapped.meeting_ids == (kept.pk,)


def test_a_smaller_session_gets_its_missing_tables_blocked(events: Events) -> None:
    event = events.event  # the fixture's session: 8 slots, 5 tables
    MeetingSession.objects.create(event=event, starts_at=utc(2027, 5, 18, 6), slots=4, tables=2)
    make_meeting(event, register(event), register(event))

    mapped = build_event_problem(event)

    assert mapped.problem.n_tables == 5
    assert mapped.n_blockers == 3 * 4
    blocked_slots = [m.pinned_slot for m in mapped.problem.meetings[mapped.n_real_meetings :]]
    assert sorted(set(blocked_slots)) == [8, 9, 10, 11]


def test_chosen_sessions_and_blocked_times_make_slots_unavailable(events: Events) -> None:
    event = events.event
    afternoon = MeetingSession.objects.create(event=event, starts_at=utc(2027, 5, 18, 6), slots=4, tables=5)
    only_afternoon, leaves_early = register(event), register(event)
    only_afternoon.b2b_sessions.add(afternoon)
    # Leaves at 03:10 UTC: the slot starting 03:00 overlaps, so from slot 4 on they are gone.
    BlockedTime.objects.create(
        registration=leaves_early, starts_at=utc(2027, 5, 18, 3, 10), ends_at=utc(2027, 5, 19)
    )
    make_meeting(event, only_afternoon, leaves_early)

    mapped = build_event_problem(event)
    unavailable = mapped.problem.unavailable

    assert unavailable[mapped.participant_of(only_afternoon.pk)] == frozenset(range(8))
    assert unavailable[mapped.participant_of(leaves_early.pk)] == frozenset(range(4, 12))


def test_remote_participants_keep_their_working_hours_across_daylight_saving(world: World) -> None:
    # Budapest moves to summer time on Sunday 28 March 2027: 7 hours behind Shanghai on the
    # Friday before, 6 hours on the Monday after.
    event = make_event(world, slug="dst", starts_on=date(2027, 3, 26), ends_on=date(2027, 3, 29))
    make_session(event, hour_utc=1, slots=16, tables=4)  # 26 March, 09:00–17:00 in Shanghai
    MeetingSession.objects.create(event=event, starts_at=utc(2027, 3, 29, 1), slots=16, tables=4)
    budapest = register(
        event,
        remote=True,
        time_zone="Europe/Budapest",
        work_day_start=time(8),
        work_day_end=time(18),
        country="HU",
    )
    chongqing = register(event)
    make_meeting(event, budapest, chongqing)

    mapped = build_event_problem(event)
    unavailable = mapped.problem.unavailable

    # Friday: 08:00 in Budapest is 07:00 UTC (slot 12); Monday: 06:00 UTC (slot 16 + 10).
    assert unavailable[mapped.participant_of(budapest.pk)] == frozenset(range(12)) | frozenset(range(16, 26))
    assert unavailable[mapped.participant_of(chongqing.pk)] == frozenset()
    assert mapped.problem.online == frozenset({mapped.participant_of(budapest.pk)})
    assert not mapped.problem.needs_table(mapped.problem.meetings[0])


def test_pinned_meetings_keep_their_slot(events: Events) -> None:
    event = events.event
    pinned = make_meeting(
        event, register(event), register(event), pinned=True, session=events.session, slot=5
    )

    mapped = build_event_problem(event)

    assert mapped.problem.meetings[mapped.meeting_ids.index(pinned.pk)].pinned_slot == 5
