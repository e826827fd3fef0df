"""A participant's personal agenda: their published meetings and the event's programme, as a page,
a PDF (Chinese, Hungarian and Latin text embedded) and an iCal file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from techbridge.common.multilingual import localize
from techbridge.common.pdf import new_pdf, write_block
from techbridge.events.enums import MeetingStatus
from techbridge.events.models import Activity, Event, Meeting, Registration

PRODID = "-//techbridge//events//EN"


@dataclass(frozen=True)
class AgendaMeeting:
    meeting: Meeting
    starts_at: datetime
    ends_at: datetime
    table: int | None
    video_url: str
    other_name: str
    other_organisation: str
    listing_title: str

    @property
    def online(self) -> bool:
        return self.table is None


@dataclass(frozen=True)
class Agenda:
    event: Event
    registration: Registration
    meetings: list[AgendaMeeting]
    activities: list[Activity]

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.event.time_zone)

    @property
    def own_zone(self) -> ZoneInfo | None:
        """The participant's own zone when it differs from the event's (remote participants)."""
        zone = self.registration.time_zone
        if self.registration.remote and zone and zone != self.event.time_zone:
            return ZoneInfo(zone)
        return None


def video_url(event: Event, meeting: Meeting) -> str:
    base = event.online_meeting_url_base
    if not base:
        return ""
    return f"{base.rstrip('/')}/{meeting.public_id}"


def build_agenda(registration: Registration) -> Agenda:
    event = registration.event
    length = timedelta(minutes=event.meeting_minutes)
    meetings = (
        Meeting.objects.filter(
            event=event,
            status=MeetingStatus.ACTIVE,
            starts_at__isnull=False,
            seats__registration=registration,
        )
        .select_related(
            "first__user", "first__organisation", "second__user", "second__organisation", "request__listing"
        )
        .order_by("starts_at", "id")
    )
    rows = []
    for meeting in meetings:
        if meeting.starts_at is None:  # filtered out by the query; keeps the type checker informed
            continue
        other = meeting.second if meeting.first_id == registration.pk else meeting.first
        listing = meeting.request.listing
        rows.append(
            AgendaMeeting(
                meeting=meeting,
                starts_at=meeting.starts_at,
                ends_at=meeting.starts_at + length,
                table=meeting.table,
                video_url=video_url(event, meeting) if meeting.table is None else "",
                other_name=other.user.display_name,
                other_organisation=str(localize(other.organisation.name)) if other.organisation else "",
                listing_title=str(localize(listing.title)) if listing else "",
            )
        )
    activities = list(Activity.objects.filter(event=event).select_related("room").order_by("starts_at", "id"))
    return Agenda(event=event, registration=registration, meetings=rows, activities=activities)


def _meeting_summary(row: AgendaMeeting) -> str:
    return _("Meeting with %(name)s") % {"name": row.other_name} + (
        f" ({row.other_organisation})" if row.other_organisation else ""
    )


def _meeting_place(row: AgendaMeeting) -> str:
    if row.table is None:
        return _("Online: %(url)s") % {"url": row.video_url} if row.video_url else _("Online")
    return _("Table %(number)s") % {"number": row.table}


def agenda_ical(agenda: Agenda) -> bytes:
    """RFC 5545, times in UTC; meetings first, then the programme items."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", str(localize(agenda.event.title)))
    for row in agenda.meetings:
        item = CalendarEvent()
        item.add("uid", f"meeting-{row.meeting.public_id}@techbridge")
        item.add("dtstamp", row.meeting.created_at.astimezone(UTC))
        item.add("dtstart", row.starts_at.astimezone(UTC))
        item.add("dtend", row.ends_at.astimezone(UTC))
        item.add("summary", _meeting_summary(row))
        item.add("location", _meeting_place(row))
        if row.listing_title:
            item.add("description", row.listing_title)
        if row.video_url:
            item.add("url", row.video_url)
        calendar.add_component(item)
    for activity in agenda.activities:
        item = CalendarEvent()
        item.add("uid", f"activity-{activity.pk}@techbridge")
        item.add("dtstamp", activity.starts_at.astimezone(UTC))
        item.add("dtstart", activity.starts_at.astimezone(UTC))
        item.add("dtend", activity.ends_at.astimezone(UTC))
        item.add("summary", str(localize(activity.title)))
        if activity.room is not None:
            item.add("location", str(localize(activity.room.name)))
        item.add("url", f"{settings.SITE_URL.rstrip('/')}/events/{agenda.event.slug}/")
        calendar.add_component(item)
    return bytes(calendar.to_ical())


def _time_text(agenda: Agenda, start: datetime, end: datetime) -> str:
    local = f"{start.astimezone(agenda.zone):%Y-%m-%d %H:%M}–{end.astimezone(agenda.zone):%H:%M}"
    own = agenda.own_zone
    if own is not None:
        local += " " + _("(%(time)s your time)") % {"time": f"{start.astimezone(own):%Y-%m-%d %H:%M}"}
    return local


def agenda_pdf(agenda: Agenda) -> bytes:
    pdf = new_pdf()
    pdf.add_page()
    write_block(pdf, 16, str(localize(agenda.event.title)), height=8)
    write_block(pdf, 11, _("Personal agenda of %(name)s") % {"name": agenda.registration.user.display_name})
    write_block(pdf, 9, _("Times in %(zone)s") % {"zone": agenda.event.time_zone})
    pdf.ln(3)
    write_block(pdf, 13, _("My meetings"), height=7)
    if not agenda.meetings:
        write_block(pdf, 10, _("No meetings scheduled yet."))
    for row in agenda.meetings:
        write_block(pdf, 10, f"{_time_text(agenda, row.starts_at, row.ends_at)} · {_meeting_place(row)}")
        details = _meeting_summary(row) + (f" — {row.listing_title}" if row.listing_title else "")
        write_block(pdf, 9, details)
        pdf.ln(1)
    pdf.ln(3)
    write_block(pdf, 13, _("Programme"), height=7)
    for activity in agenda.activities:
        room = f" · {localize(activity.room.name)}" if activity.room is not None else ""
        write_block(pdf, 10, f"{_time_text(agenda, activity.starts_at, activity.ends_at)}{room}")
        write_block(pdf, 9, str(localize(activity.title)))
        pdf.ln(1)
    return bytes(pdf.output())
