"""When a B2B participant can meet: the sessions they attend, their blocked times and, for remote
participants, their working hours in their own time zone.

The event's session slots are the grid; the core's `slots_outside_working_hours` decides which slots
fall outside someone's working day (daylight saving included, each slot on its own date).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils.translation import gettext as _

from techbridge.events.models import BlockedTime, Event, MeetingSession, Registration
from techbridge.market.models import Listing
from techbridge_core.scheduling import slots_outside_working_hours


@dataclass(frozen=True, slots=True)
class Slot:
    session_id: int
    number: int
    starts_at: datetime


def event_slots(event: Event) -> list[Slot]:
    """Every meeting slot of the event, in time order (UTC)."""
    length = timedelta(minutes=event.meeting_minutes)
    slots: list[Slot] = []
    for session in MeetingSession.objects.filter(event=event).order_by("starts_at", "id"):
        slots.extend(
            Slot(session_id=session.pk, number=n, starts_at=session.starts_at + n * length)
            for n in range(session.slots)
        )
    return slots


def participant_zone(registration: Registration, event: Event) -> ZoneInfo:
    """A remote participant's own zone; on site everybody lives in the event's zone."""
    if registration.remote and registration.time_zone:
        return ZoneInfo(registration.time_zone)
    return ZoneInfo(event.time_zone)


def unavailable_slot_indices(registration: Registration, event: Event, slots: list[Slot]) -> frozenset[int]:
    """Indices into `slots` the participant cannot meet in."""
    blocked: set[int] = set()
    attended = {session.pk for session in registration.b2b_sessions.all()}
    if attended:
        blocked |= {i for i, slot in enumerate(slots) if slot.session_id not in attended}
    length = timedelta(minutes=event.meeting_minutes)
    for period in registration.blocked_times.all():
        blocked |= {
            i
            for i, slot in enumerate(slots)
            if slot.starts_at < period.ends_at and slot.starts_at + length > period.starts_at
        }
    if registration.remote:
        blocked |= slots_outside_working_hours(
            slot_starts=[slot.starts_at for slot in slots],
            slot_minutes=event.meeting_minutes,
            time_zone=participant_zone(registration, event),
            day_start=registration.work_day_start,
            day_end=registration.work_day_end,
        )
    return frozenset(blocked)


def shared_slots(first: Registration, second: Registration, event: Event) -> list[Slot]:
    slots = event_slots(event)
    unavailable = unavailable_slot_indices(first, event, slots) | unavailable_slot_indices(
        second, event, slots
    )
    return [slot for i, slot in enumerate(slots) if i not in unavailable]


def meets_online(first: Registration, second: Registration) -> bool:
    return first.remote or second.remote


def availability_summary(registration: Registration, event: Event) -> str:
    """How a participant's day reads to the other party, e.g. "08:00–18:00 (Europe/Budapest)"."""
    if not registration.remote:
        return _("on site, in the event's hours (%(zone)s)") % {"zone": event.time_zone}
    return _("%(start)s–%(end)s (%(zone)s)") % {
        "start": registration.work_day_start.strftime("%H:%M"),
        "end": registration.work_day_end.strftime("%H:%M"),
        "zone": participant_zone(registration, event).key,
    }


@transaction.atomic
def do_save_b2b_profile(
    *, registration: Registration, listings: list[Listing], sessions: list[MeetingSession]
) -> Registration:
    """The profile's own fields are already set on `registration` by the form; the links are replaced."""
    registration.save()
    registration.listings.set(listings)
    registration.b2b_sessions.set(sessions)
    return registration


def do_block_time(*, registration: Registration, starts_at: datetime, ends_at: datetime) -> BlockedTime:
    return BlockedTime.objects.create(registration=registration, starts_at=starts_at, ends_at=ends_at)


def do_unblock_time(*, blocked: BlockedTime) -> None:
    blocked.delete()
