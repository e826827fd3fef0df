"""Facility managers keep their instruments' entries and maintenance windows up to date."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import QuerySet

from techbridge.instruments.enums import BookingStatus
from techbridge.instruments.models import Blackout, Booking, Instrument


def _aware(wall_clock: datetime, zone: str) -> datetime:
    return wall_clock.replace(tzinfo=ZoneInfo(zone))


@transaction.atomic
def do_add_blackout(*, instrument: Instrument, start: datetime, end: datetime, label: str) -> Blackout:
    """A maintenance window given in the facility's wall-clock time; new bookings avoid it."""
    zone = instrument.facility.time_zone
    return Blackout.objects.create(
        instrument=instrument, start=_aware(start, zone), end=_aware(end, zone), label=label
    )


def bookings_during(blackout: Blackout) -> QuerySet[Booking]:
    """Active bookings that the window cuts into: the manager has to contact their users."""
    return Booking.objects.filter(
        instrument=blackout.instrument,
        status__in=(BookingStatus.PENDING, BookingStatus.CONFIRMED),
        start__lt=blackout.end,
        end__gt=blackout.start,
    )


def do_remove_blackout(*, blackout: Blackout) -> None:
    blackout.delete()
