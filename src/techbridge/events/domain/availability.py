"""When a B2B participant can meet: the sessions they attend, their blocked times and, for remote
participants, their working hours in their own time zone.

The event's session slots are the grid, and the rule is the scheduler's own
(`domain.scheduling.unavailable_slots`), so a request accepted here can always be placed there.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils.translation import gettext as _

from techbridge.events.domain.scheduling import SlotTime, event_sessions, slot_times, unavailable_slots
from techbridge.events.models import BlockedTime, Event, MeetingSession, Registration
from techbridge.market.models import Listing


def event_slots(event: Event) -> list[SlotTime]:
    """Every meeting slot of the event, in time order (UTC)."""
    return list(slot_times(event, event_sessions(event)))


def participant_zone(registration: Registration, event: Event) -> ZoneInfo:
    """A remote participant's own zone; on site everybody lives in the event's zone."""
    if registration.remote and registration.time_zone:
        return ZoneInfo(registration.time_zone)
    return ZoneInfo(event.time_zone)


def unavailable_slot_indices(
    registration: Registration, event: Event, slots: list[SlotTime]
) -> frozenset[int]:
    """Indices into `slots` the participant cannot meet in: the scheduler's own rule."""
    return unavailable_slots(
        registration,
        slots=tuple(slots),
        minutes=event.meeting_minutes,
        event_zone=event.time_zone,
        chosen_sessions=frozenset(session.pk for session in registration.b2b_sessions.all()),
        blocked=list(registration.blocked_times.all()),
    )


def shared_slots(first: Registration, second: Registration, event: Event) -> list[SlotTime]:
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
