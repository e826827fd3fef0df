"""The database side of the B2B scheduler: an event's meetings as a techbridge_core Problem, and back.

Slots are numbered over the whole event: the event's meeting sessions in start order, each
contributing its ``slots`` slots of ``Event.meeting_minutes``. In the database a meeting's
``slot`` is its 0-based index within its session and ``table`` the 1-based number printed on
the table card.

Tables per session: the core knows one number of identical tables for every slot. When the
sessions differ, the problem gets the largest number, and every slot of a smaller session is
filled up with "table blockers": dummy meetings pinned to that slot between two dummy
participants who meet nobody else. They take exactly the surplus tables, so the model is
exact; they are dropped again when the schedule is read back (and from every figure).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Q

from techbridge.events.enums import MeetingStatus, RegistrationStatus
from techbridge.events.models import BlockedTime, Event, Meeting, MeetingSession, Registration
from techbridge_core import scheduling as core


@dataclass(frozen=True, slots=True)
class SlotTime:
    session_id: int
    slot_in_session: int
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True, slots=True)
class Place:
    """Where a published or proposed meeting takes place, in database terms."""

    session_id: int
    slot_in_session: int
    table: int | None
    starts_at: datetime


@dataclass(frozen=True)
class EventProblem:
    """A core Problem plus the tables that translate its indices to database rows."""

    problem: core.Problem
    registration_ids: tuple[int, ...]
    """Participant index -> Registration id (table blockers have no registration: index beyond)."""
    meeting_ids: tuple[int, ...]
    """Meeting index -> Meeting id, for the real meetings (the first ones of ``problem.meetings``)."""
    slots: tuple[SlotTime, ...]

    @property
    def n_real_meetings(self) -> int:
        return len(self.meeting_ids)

    @property
    def n_blockers(self) -> int:
        return len(self.problem.meetings) - len(self.meeting_ids)

    def participant_of(self, registration_id: int) -> int:
        return self.registration_ids.index(registration_id)

    def global_slot(self, session_id: int, slot_in_session: int) -> int | None:
        for number, slot in enumerate(self.slots):
            if slot.session_id == session_id and slot.slot_in_session == slot_in_session:
                return number
        return None

    def place_of(self, placement: core.Placement) -> Place:
        slot = self.slots[placement.slot]
        table = None if placement.table is None else placement.table + 1
        return Place(slot.session_id, slot.slot_in_session, table, slot.starts_at)

    def places(self, schedule: core.Schedule) -> dict[int, Place]:
        """Meeting id -> place for every real meeting the schedule places."""
        return {
            meeting_id: self.place_of(placement)
            for meeting_id, placement in zip(self.meeting_ids, schedule, strict=False)
            if placement is not None
        }

    def pair_of(self, meeting_id: int) -> tuple[int, int]:
        return self.problem.meetings[self.meeting_ids.index(meeting_id)].pair

    def placement_of(self, place: Place) -> core.Placement | None:
        slot = self.global_slot(place.session_id, place.slot_in_session)
        if slot is None:
            return None
        return core.Placement(slot, None if place.table is None else place.table - 1)


def has_published_schedule(event: Event) -> bool:
    return Meeting.objects.filter(event=event, starts_at__isnull=False).exists()


def event_sessions(event: Event) -> list[MeetingSession]:
    return list(MeetingSession.objects.filter(event=event).order_by("starts_at", "id"))


def slot_times(event: Event, sessions: Iterable[MeetingSession]) -> tuple[SlotTime, ...]:
    length = timedelta(minutes=event.meeting_minutes)
    return tuple(
        SlotTime(
            session.pk, number, session.starts_at + number * length, session.starts_at + (number + 1) * length
        )
        for session in sessions
        for number in range(session.slots)
    )


def active_meetings(event: Event) -> list[Meeting]:
    """Meetings to schedule: active ones whose two parties are still approved participants."""
    return list(
        Meeting.objects.filter(
            event=event,
            status=MeetingStatus.ACTIVE,
            first__status=RegistrationStatus.APPROVED,
            second__status=RegistrationStatus.APPROVED,
        ).order_by("id")
    )


def unavailable_slots(
    registration: Registration,
    *,
    slots: tuple[SlotTime, ...],
    minutes: int,
    event_zone: str,
    chosen_sessions: frozenset[int],
    blocked: Iterable[BlockedTime],
) -> frozenset[int]:
    """Slots the participant cannot meet in: sessions not chosen, blocked times, and for remote
    participants every slot outside their working hours in their own time zone (the event's zone
    when they gave none). On site, everybody is available all day."""
    unavailable = {
        number
        for number, slot in enumerate(slots)
        if (chosen_sessions and slot.session_id not in chosen_sessions)
        or any(block.starts_at < slot.ends_at and slot.starts_at < block.ends_at for block in blocked)
    }
    if registration.remote and registration.work_day_end > registration.work_day_start:
        # Working hours across midnight are refused by the core; such a participant keeps every slot.
        unavailable |= core.slots_outside_working_hours(
            slot_starts=[slot.starts_at for slot in slots],
            slot_minutes=minutes,
            time_zone=ZoneInfo(registration.time_zone or event_zone),
            day_start=registration.work_day_start,
            day_end=registration.work_day_end,
        )
    return frozenset(unavailable)


def build_event_problem(event: Event, *, meetings: list[Meeting] | None = None) -> EventProblem:
    """The scheduling problem of the event's active meetings (pinned ones keep their slot)."""
    sessions = event_sessions(event)
    slots = slot_times(event, sessions)
    meetings = active_meetings(event) if meetings is None else meetings
    registration_ids = tuple(sorted({r for m in meetings for r in (m.first_id, m.second_id)}))
    index = {registration_id: number for number, registration_id in enumerate(registration_ids)}
    registrations = Registration.objects.filter(pk__in=registration_ids).prefetch_related("b2b_sessions")
    blocked: dict[int, list[BlockedTime]] = {}
    for block in BlockedTime.objects.filter(registration_id__in=registration_ids):
        blocked.setdefault(block.registration_id, []).append(block)
    unavailable: dict[int, frozenset[int]] = {}
    online: set[int] = set()
    for registration in registrations:
        number = index[registration.pk]
        chosen = frozenset(session.pk for session in registration.b2b_sessions.all())
        unavailable[number] = unavailable_slots(
            registration,
            slots=slots,
            minutes=event.meeting_minutes,
            event_zone=event.time_zone,
            chosen_sessions=chosen,
            blocked=blocked.get(registration.pk, ()),
        )
        if registration.remote:
            online.add(number)
    core_meetings = [
        core.Meeting(index[m.first_id], index[m.second_id], pinned_slot=_pinned_slot(m, slots))
        for m in meetings
    ]
    n_tables = max((session.tables for session in sessions), default=0)
    n_participants = len(registration_ids)
    for blocker_slot in _surplus_table_slots(sessions, n_tables):
        core_meetings.append(core.Meeting(n_participants, n_participants + 1, pinned_slot=blocker_slot))
        n_participants += 2
    problem = core.Problem(
        n_participants=n_participants,
        n_slots=len(slots),
        n_tables=n_tables,
        sessions=_session_ranges(sessions),
        meetings=tuple(core_meetings),
        unavailable=unavailable,
        online=frozenset(online),
        name=event.slug,
    )
    return EventProblem(
        problem=problem,
        registration_ids=registration_ids,
        meeting_ids=tuple(m.pk for m in meetings),
        slots=slots,
    )


def _pinned_slot(meeting: Meeting, slots: tuple[SlotTime, ...]) -> int | None:
    if not meeting.pinned or meeting.session_id is None or meeting.slot is None:
        return None
    for number, slot in enumerate(slots):
        if slot.session_id == meeting.session_id and slot.slot_in_session == meeting.slot:
            return number
    return None


def _session_ranges(sessions: list[MeetingSession]) -> tuple[tuple[int, int], ...]:
    ranges = []
    first = 0
    for session in sessions:
        ranges.append((first, first + session.slots - 1))
        first += session.slots
    return tuple(ranges)


def _surplus_table_slots(sessions: list[MeetingSession], n_tables: int) -> list[int]:
    """One entry per table a smaller session lacks, per slot of that session."""
    blocked: list[int] = []
    first = 0
    for session in sessions:
        for slot in range(first, first + session.slots):
            blocked.extend([slot] * (n_tables - session.tables))
        first += session.slots
    return blocked


def published_places(event: Event) -> dict[int, Place]:
    """Meeting id -> place of every active meeting the published schedule placed."""
    placed = Meeting.objects.filter(
        event=event, status=MeetingStatus.ACTIVE, session__isnull=False, slot__isnull=False
    )
    return {
        m.pk: Place(m.session_id, m.slot, m.table, m.starts_at)
        for m in placed
        if m.session_id is not None and m.slot is not None and m.starts_at is not None
    }


def previous_placements(
    event_problem: EventProblem, places: Mapping[int, Place]
) -> dict[tuple[int, int], core.Placement]:
    """The published placements keyed by meeting pair, as reschedule() wants them."""
    previous: dict[tuple[int, int], core.Placement] = {}
    for meeting_id, place in places.items():
        if meeting_id not in event_problem.meeting_ids:
            continue
        placement = event_problem.placement_of(place)
        if placement is not None:
            previous[event_problem.pair_of(meeting_id)] = placement
    for number in range(event_problem.n_real_meetings, len(event_problem.problem.meetings)):
        blocker = event_problem.problem.meetings[number]
        if blocker.pinned_slot is not None:
            previous[blocker.pair] = core.Placement(blocker.pinned_slot, None)
    return previous


def known_unplaced_pairs(event_problem: EventProblem, before: datetime | None) -> frozenset[tuple[int, int]]:
    """Meetings that existed at the last publication but got no slot (not new ones)."""
    if before is None:
        return frozenset()
    old = Meeting.objects.filter(pk__in=event_problem.meeting_ids, created_at__lte=before).filter(
        Q(session__isnull=True) | Q(slot__isnull=True)
    )
    return frozenset(event_problem.pair_of(pk) for pk in old.values_list("pk", flat=True))


def placements_json(places: Mapping[int, Place]) -> dict[str, list[int | None]]:
    return {str(meeting_id): [p.session_id, p.slot_in_session, p.table] for meeting_id, p in places.items()}


def places_from_json(event: Event, data: Mapping[str, list[int | None]]) -> dict[int, Place]:
    length = timedelta(minutes=event.meeting_minutes)
    starts = dict(MeetingSession.objects.filter(event=event).values_list("pk", "starts_at"))
    places: dict[int, Place] = {}
    for key, (session_id, slot, table) in data.items():
        if session_id in starts and slot is not None:
            places[int(key)] = Place(session_id, slot, table, starts[session_id] + slot * length)
    return places


@dataclass(frozen=True)
class GridRow:
    starts_at: datetime
    tables: list[Meeting | None]
    online: list[Meeting]


@dataclass(frozen=True)
class SessionGrid:
    session: MeetingSession
    table_numbers: range
    rows: list[GridRow]


def session_grids(event: Event, places: Mapping[int, Place]) -> list[SessionGrid]:
    """Per session, slots × tables with the meeting at each table (online meetings beside)."""
    meetings = Meeting.objects.filter(pk__in=places.keys()).select_related(
        "first__user", "second__user", "first__organisation", "second__organisation"
    )
    at: dict[tuple[int, int], list[Meeting]] = {}
    for meeting in meetings:
        place = places[meeting.pk]
        at.setdefault((place.session_id, place.slot_in_session), []).append(meeting)
    grids = []
    for session in event_sessions(event):
        rows = []
        for slot in slot_times(event, [session]):
            here = at.get((session.pk, slot.slot_in_session), [])
            by_table = {places[m.pk].table: m for m in here}
            rows.append(
                GridRow(
                    starts_at=slot.starts_at,
                    tables=[by_table.get(number) for number in range(1, session.tables + 1)],
                    online=[m for m in here if places[m.pk].table is None],
                )
            )
        grids.append(SessionGrid(session, range(1, session.tables + 1), rows))
    return grids
