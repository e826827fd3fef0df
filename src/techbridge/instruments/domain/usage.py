"""Check-in and check-out: actual use against reserved time; checking out bills the booking."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from techbridge.instruments.domain.booking import BookingStateError
from techbridge.instruments.domain.fees import do_bill_booking
from techbridge.instruments.enums import BookingStatus
from techbridge.instruments.models import Booking

EARLY_CHECK_IN = timedelta(minutes=30)


def check_check_in(*, booking: Booking, now: datetime | None = None) -> Booking:
    now = now or timezone.now()
    if booking.status != BookingStatus.CONFIRMED:
        raise BookingStateError("not_confirmed")
    if booking.checked_in_at is not None:
        raise BookingStateError("already_checked_in")
    if not booking.start - EARLY_CHECK_IN <= now < booking.end:
        raise BookingStateError("outside_check_in_window")
    booking.checked_in_at = now
    booking.save(update_fields=["checked_in_at"])
    return booking


def check_check_out(*, booking: Booking, now: datetime | None = None) -> Booking:
    now = now or timezone.now()
    if booking.checked_in_at is None:
        raise BookingStateError("not_checked_in")
    if booking.checked_out_at is not None:
        raise BookingStateError("already_checked_out")
    with transaction.atomic():
        booking.checked_out_at = max(now, booking.checked_in_at)
        booking.save(update_fields=["checked_out_at"])
        do_bill_booking(booking=booking)
    return booking
