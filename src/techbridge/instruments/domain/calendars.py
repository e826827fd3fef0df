"""Calendars: iCal feeds (per instrument, per user with a secret token) and the week view grid."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from icalendar import Calendar, Event

from techbridge.accounts.domain.time_zone import viewer_time_zone
from techbridge.accounts.models import User
from techbridge.common.multilingual import localize
from techbridge.instruments.models import Booking, CalendarSettings

PRODID = "-//techbridge//instruments//EN"


def calendar_settings(user: User) -> CalendarSettings:
    """The user's calendar settings, created with a fresh feed secret on first use."""
    found = CalendarSettings.objects.filter(user=user).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return CalendarSettings.objects.create(user=user, feed_token=secrets.token_urlsafe(32))
    except IntegrityError:  # created concurrently by another request
        return CalendarSettings.objects.get(user=user)


def do_rotate_feed_token(*, settings_row: CalendarSettings) -> CalendarSettings:
    settings_row.feed_token = secrets.token_urlsafe(32)
    settings_row.save(update_fields=["feed_token"])
    return settings_row


def viewer_zone(user: User | None, fallback: str = "UTC") -> ZoneInfo:
    """The zone the user chose on their account; `fallback` (the facility's) for visitors and users
    who chose none."""
    if user is not None and user.is_authenticated and user.time_zone:
        return ZoneInfo(viewer_time_zone(user))
    return ZoneInfo(fallback)


def ical_feed(bookings: Iterable[Booking], *, name: str, show_details: bool) -> bytes:
    """An RFC 5545 calendar; times in UTC so every client converts them to its own zone."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for booking in bookings:
        event = Event()
        event.add("uid", f"booking-{booking.pk}@techbridge")
        event.add("dtstamp", booking.created_at.astimezone(UTC))
        event.add("dtstart", booking.start.astimezone(UTC))
        event.add("dtend", booking.end.astimezone(UTC))
        instrument = str(localize(booking.instrument.name))
        event.add("summary", instrument if show_details else f"{instrument} (busy)")
        event.add("status", "CONFIRMED" if booking.status == "confirmed" else "TENTATIVE")
        if show_details:
            event.add("location", booking.instrument.location or str(booking.instrument.facility))
            event.add("url", f"{settings.SITE_URL}/instruments/bookings/{booking.pk}/")
        calendar.add_component(event)
    return bytes(calendar.to_ical())


@dataclass(frozen=True)
class WeekBlock:
    booking: Booking
    day: int
    """0 = Monday of the shown week."""
    top: int
    """Minutes after local midnight (clipped to the day)."""
    height: int


@dataclass(frozen=True)
class Week:
    monday: date
    zone: ZoneInfo
    days: list[date]
    blocks: list[WeekBlock]

    @property
    def previous(self) -> date:
        return self.monday - timedelta(days=7)

    @property
    def following(self) -> date:
        return self.monday + timedelta(days=7)

    def blocks_on(self, day: int) -> list[WeekBlock]:
        return [block for block in self.blocks if block.day == day]


def week_bounds(day: date, zone: ZoneInfo) -> tuple[date, datetime, datetime]:
    monday = day - timedelta(days=day.weekday())
    start = datetime.combine(monday, time(0), tzinfo=zone).astimezone(UTC)
    end = datetime.combine(monday + timedelta(days=7), time(0), tzinfo=zone).astimezone(UTC)
    return monday, start, end


def week_view(bookings: Iterable[Booking], *, day: date, zone: ZoneInfo) -> Week:
    """Each booking cut into one block per local day it touches, in the viewer's zone."""
    monday, _start, _end = week_bounds(day, zone)
    days = [monday + timedelta(days=offset) for offset in range(7)]
    blocks = []
    for booking in bookings:
        for offset, current in enumerate(days):
            day_start = datetime.combine(current, time(0), tzinfo=zone)
            day_end = datetime.combine(current + timedelta(days=1), time(0), tzinfo=zone)
            start, end = max(booking.start, day_start), min(booking.end, day_end)
            if start < end:
                local = start.astimezone(zone)
                top = local.hour * 60 + local.minute
                height = int((end - start) / timedelta(minutes=1))
                blocks.append(WeekBlock(booking, offset, top, height))
    return Week(monday=monday, zone=zone, days=days, blocks=blocks)
