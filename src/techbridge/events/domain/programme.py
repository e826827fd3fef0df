"""The programme of an event: by local day in time order, as an iCal feed and as a printable PDF."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from django.utils.html import strip_tags
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from techbridge.common.multilingual import localize
from techbridge.common.pdf import new_pdf, write_block
from techbridge.events.enums import ActivityKind, AttendanceMode
from techbridge.events.models import Activity, Event

PRODID = "-//techbridge//events//EN"


@dataclass
class ProgrammeDay:
    day: date
    activities: list[Activity] = field(default_factory=list)  # in time order, each with its room


def programme_activities(event: Event) -> list[Activity]:
    return list(
        Activity.objects.filter(event=event)
        .select_related("room__venue")
        .prefetch_related("speakers__person")
        .order_by("starts_at", "id")
    )


def programme_days(activities: Iterable[Activity], zone: ZoneInfo) -> list[ProgrammeDay]:
    """Days in the event's zone; inside a day, activities in time order whatever their room (a reader
    follows the day as it unfolds; each item names its room)."""
    days: dict[date, ProgrammeDay] = {}
    for activity in activities:
        day = activity.starts_at.astimezone(zone).date()
        days.setdefault(day, ProgrammeDay(day=day)).activities.append(activity)
    for programme_day in days.values():
        programme_day.activities.sort(
            key=lambda activity: (activity.starts_at, activity.ends_at, activity.pk)
        )
    return [days[day] for day in sorted(days)]


def _place(activity: Activity) -> str:
    if activity.room is None:
        return ""
    return f"{localize(activity.room.name)}, {localize(activity.room.venue.name)}"


def programme_ical(event: Event, activities: Iterable[Activity], *, event_url: str) -> bytes:
    """Public feed: times in UTC; stream links are left out (they are for registered participants)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", str(localize(event.title)))
    calendar.add("x-wr-timezone", event.time_zone)
    for activity in activities:
        item = CalendarEvent()
        item.add("uid", f"event-{event.pk}-activity-{activity.pk}@techbridge")
        item.add("dtstamp", event.updated_at.astimezone(UTC))
        item.add("dtstart", activity.starts_at.astimezone(UTC))
        item.add("dtend", activity.ends_at.astimezone(UTC))
        item.add("summary", str(localize(activity.title)))
        item.add("categories", [str(ActivityKind(activity.kind).label)])
        description = strip_tags(str(localize(activity.description)))
        if description:
            item.add("description", description)
        place = _place(activity)
        if place:
            item.add("location", place)
        item.add("url", event_url)
        calendar.add_component(item)
    return bytes(calendar.to_ical())


@dataclass(frozen=True)
class PrintedActivity:
    time: str
    kind: str
    title: str
    place: str
    mode: str
    speakers: str


@dataclass(frozen=True)
class PrintedDay:
    heading: str
    activities: Sequence[PrintedActivity]


def printed_day(day: ProgrammeDay, zone: ZoneInfo, heading: str) -> PrintedDay:
    items = []
    for activity in day.activities:
        start, end = activity.starts_at.astimezone(zone), activity.ends_at.astimezone(zone)
        items.append(
            PrintedActivity(
                time=_span(start, end),
                kind=str(ActivityKind(activity.kind).label),
                title=str(localize(activity.title)),
                place=_place(activity),
                mode=str(AttendanceMode(activity.mode).label),
                speakers=", ".join(
                    f"{speaker.name} ({localize(speaker.affiliation)})"
                    if localize(speaker.affiliation)
                    else speaker.name
                    for speaker in activity.speakers.all()
                ),
            )
        )
    return PrintedDay(heading=heading, activities=items)


def programme_pdf(*, title: str, subtitle: str, days: Sequence[PrintedDay], footer: str) -> bytes:
    pdf = new_pdf("A4")
    pdf.add_page()
    write_block(pdf, 18, title[:256], height=9)
    write_block(pdf, 10, subtitle, height=5)
    for day in days:
        pdf.ln(4)
        write_block(pdf, 13, day.heading, height=7)
        for item in day.activities:
            write_block(pdf, 10, f"{item.time}  {item.title[:256]}")
            details = " · ".join(part for part in (item.kind, item.place, item.mode) if part)
            write_block(pdf, 8, details, height=4)
            if item.speakers:
                write_block(pdf, 8, item.speakers[:600], height=4)
            pdf.ln(1)
    pdf.ln(4)
    write_block(pdf, 8, footer, height=4)
    return bytes(pdf.output())


def _span(start: datetime, end: datetime) -> str:
    """ "09:00–12:00", or with the end's date when the item runs over several days."""
    if end.date() == start.date():
        return f"{start:%H:%M}–{end:%H:%M}"
    return f"{start:%H:%M} – {end:%Y-%m-%d %H:%M}"
