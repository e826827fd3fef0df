"""Publishing a scheduler run: meetings get their session, slot, table and seats in one transaction,
and the participants whose meetings were added, moved or cancelled hear about it.

The database has the last word: the seat and table constraints refuse any double booking made
behind the scheduler's back, and then nothing at all changes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.dispatch import Signal
from django.urls import reverse
from django.utils.translation import gettext as _

from techbridge.accounts.models import User
from techbridge.events.domain.scheduling import Place, places_from_json
from techbridge.events.enums import MeetingStatus, NotificationKind, ScheduleRunStatus
from techbridge.events.models import Event, Meeting, MeetingSeat, Registration, ScheduleRun
from techbridge.notifications.domain.delivery import notify


class PublishError(Exception):
    """The run cannot be published; the message is for the organiser."""


class ConfirmationNeededError(PublishError):
    """Publishing would move or take off meetings participants already rely on: the organiser
    must see how many and who hears about it, then confirm."""

    def __init__(self, impact: PublicationImpact) -> None:
        super().__init__(
            _("Publishing moves %(moved)s published meetings; confirm to go ahead.") % {"moved": impact.moved}
        )
        self.impact = impact


class ChangeKind(StrEnum):
    ADDED = "added"
    MOVED = "moved"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class MeetingChange:
    meeting: Meeting
    kind: ChangeKind
    before: Place | None
    after: Place | None

    @property
    def label(self) -> str:
        return {
            ChangeKind.ADDED: _("added"),
            ChangeKind.MOVED: _("moved"),
            ChangeKind.CANCELLED: _("cancelled"),
        }[self.kind]


@dataclass(frozen=True)
class PublicationImpact:
    """What publishing a run does to participants: meetings moved, taken off, added, and who is told."""

    moved: int
    cancelled: int
    added: int
    notified: tuple[str, ...]

    @property
    def disturbs_published(self) -> bool:
        """Meetings participants were already told about would get another time or table."""
        return self.moved > 0


def publication_impact(changes: list[MeetingChange]) -> PublicationImpact:
    counts = {kind: sum(1 for change in changes if change.kind == kind) for kind in ChangeKind}
    people = {
        party.user.display_name
        for change in changes
        for party in (change.meeting.first, change.meeting.second)
    }
    return PublicationImpact(
        moved=counts[ChangeKind.MOVED],
        cancelled=counts[ChangeKind.CANCELLED],
        added=counts[ChangeKind.ADDED],
        notified=tuple(sorted(people, key=str.casefold)),
    )


def current_places(event: Event) -> dict[int, Place]:
    """Every meeting (cancelled ones too) that the published schedule currently places."""
    placed = Meeting.objects.filter(
        event=event, session__isnull=False, slot__isnull=False, starts_at__isnull=False
    )
    return {
        m.pk: Place(m.session_id, m.slot, m.table, m.starts_at)  # type: ignore[arg-type]
        for m in placed
    }


def schedule_changes(event: Event, proposed: Mapping[int, Place]) -> list[MeetingChange]:
    """What publishing ``proposed`` would change, meeting by meeting (in time order)."""
    before = current_places(event)
    meetings = Meeting.objects.filter(pk__in=before.keys() | proposed.keys()).select_related(
        "first__user", "second__user"
    )
    changes = []
    for meeting in meetings:
        old = before.get(meeting.pk)
        new = proposed.get(meeting.pk) if meeting.status == MeetingStatus.ACTIVE else None
        if old == new:
            continue
        if old is None:
            kind = ChangeKind.ADDED
        elif new is None:
            kind = ChangeKind.CANCELLED
        else:
            kind = ChangeKind.MOVED
        changes.append(MeetingChange(meeting, kind, old, new))
    changes.sort(key=lambda c: ((c.after or c.before).starts_at, c.meeting.pk))  # type: ignore[union-attr]
    return changes


def check_publish(run: ScheduleRun) -> None:
    if run.status != ScheduleRunStatus.FINISHED:
        raise PublishError(_("Only a finished run that has not been published can be published."))
    if run.figures.get("violations"):
        raise PublishError(
            _("This schedule breaks some rules (see the validator's list); it cannot be published.")
        )


def do_publish_run(
    *,
    run: ScheduleRun,
    by: User | None,
    now: datetime,
    confirmed: bool = False,
    notify_participants: bool = True,
) -> list[MeetingChange]:
    """Write the run's placements and seats, supersede older runs, notify; all or nothing.

    A run that moves published meetings is published only ``confirmed`` (ConfirmationNeededError
    otherwise, carrying the impact to show). ``notify_participants`` is off only for demo data,
    whose participants are invented.
    """
    event = run.event
    try:
        with transaction.atomic():
            # One publication per event at a time: the second waits, then sees the first's result.
            Event.objects.select_for_update().filter(pk=event.pk).first()
            locked = ScheduleRun.objects.select_for_update().get(pk=run.pk)
            check_publish(locked)
            proposed = places_from_json(event, locked.placements)
            changes = schedule_changes(event, proposed)
            impact = publication_impact(changes)
            if impact.disturbs_published and not confirmed:
                raise ConfirmationNeededError(impact)
            _write_places(event, proposed)
            ScheduleRun.objects.filter(event=event, status=ScheduleRunStatus.PUBLISHED).update(
                status=ScheduleRunStatus.SUPERSEDED
            )
            locked.status = ScheduleRunStatus.PUBLISHED
            locked.published_at = now
            locked.published_by = by
            locked.save(update_fields=["status", "published_at", "published_by"])
            if notify_participants:
                notify_changes(event, changes, now=now)
    except IntegrityError as error:
        raise PublishError(
            _("The database refused the schedule (a table or a participant would be booked twice): %(error)s")
            % {"error": str(error)[:300]}
        ) from error
    run.refresh_from_db()
    return changes


# Sent with `event=` before the event's meetings lose their times in one UPDATE (no model signals):
# the statistics app listens to recount the months those meetings leave.
meetings_unplacing = Signal()


def _write_places(event: Event, proposed: Mapping[int, Place]) -> None:
    # Clear first: meetings swapping tables or slots would otherwise collide half-way.
    MeetingSeat.objects.filter(meeting__event=event).delete()
    meetings_unplacing.send(sender=Event, event=event)
    Meeting.objects.filter(event=event).update(session=None, slot=None, table=None, starts_at=None)
    active = Meeting.objects.filter(event=event, status=MeetingStatus.ACTIVE, pk__in=proposed.keys())
    seats = []
    for meeting in active:
        place = proposed[meeting.pk]
        meeting.session_id = place.session_id
        meeting.slot = place.slot_in_session
        meeting.table = place.table
        meeting.starts_at = place.starts_at
        meeting.online = place.table is None
        meeting.save(update_fields=["session", "slot", "table", "starts_at", "online"])
        seats += [
            MeetingSeat(meeting=meeting, registration_id=party, starts_at=place.starts_at)
            for party in (meeting.first_id, meeting.second_id)
        ]
    MeetingSeat.objects.bulk_create(seats)


def _when(place: Place | None, event: Event, registration: Registration) -> str:
    if place is None:
        return "—"
    # The zone is named: a participant abroad must not read the venue's clock as their own.
    text = place.starts_at.astimezone(ZoneInfo(event.time_zone)).strftime("%Y-%m-%d %H:%M")
    text += f" ({event.time_zone})"
    if place.table is not None:
        text += " · " + _("table %(number)s") % {"number": place.table}
    else:
        text += " · " + _("online")
    if registration.remote and registration.time_zone and registration.time_zone != event.time_zone:
        local = place.starts_at.astimezone(ZoneInfo(registration.time_zone)).strftime("%Y-%m-%d %H:%M")
        text += " " + _("(%(time)s your time)") % {"time": local}
    return text


def _change_line(change: MeetingChange, event: Event, registration: Registration) -> str:
    meeting = change.meeting
    other = meeting.second if meeting.first_id == registration.pk else meeting.first
    name = other.user.display_name
    before, after = _when(change.before, event, registration), _when(change.after, event, registration)
    if change.kind == ChangeKind.ADDED:
        return _("New meeting with %(name)s: %(after)s") % {"name": name, "after": after}
    if change.kind == ChangeKind.CANCELLED:
        return _("Meeting with %(name)s cancelled (was %(before)s)") % {"name": name, "before": before}
    return _("Meeting with %(name)s moved: %(before)s → %(after)s") % {
        "name": name,
        "before": before,
        "after": after,
    }


def notify_changes(event: Event, changes: list[MeetingChange], *, now: datetime) -> int:
    """One notice per participant listing all their changes, in their language."""
    by_registration: dict[int, list[MeetingChange]] = defaultdict(list)
    for change in changes:
        by_registration[change.meeting.first_id].append(change)
        by_registration[change.meeting.second_id].append(change)
    registrations = Registration.objects.filter(pk__in=by_registration).select_related("user")
    url = reverse("events:agenda", kwargs={"slug": event.slug})
    sent = 0
    for registration in registrations:
        own = by_registration[registration.pk]
        sent += notify(
            recipients=[registration.user],
            kind=NotificationKind.MEETING_SCHEDULE,
            subject=lambda: _("Your meeting schedule changed"),
            body=lambda own=own, registration=registration: "\n".join(  # type: ignore[misc]
                _change_line(change, event, registration) for change in own
            ),
            url=url,
            now=now,
        )
    return sent
