"""The waiting list: join when the only obstacle is a full instrument; promote when time frees up."""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction

from techbridge.accounts.models import User
from techbridge.instruments.domain import policies
from techbridge.instruments.domain.seats import free_seat
from techbridge.instruments.enums import BookingStatus, WaitingStatus
from techbridge.instruments.models import Booking, Instrument, WaitingListEntry
from techbridge.instruments.roles import booker_profile
from techbridge_core import booking as core


def do_join_waiting_list(
    *, instrument: Instrument, user: User, start: datetime, end: datetime, mode: str
) -> WaitingListEntry:
    profile = booker_profile(user, instrument.facility)
    return WaitingListEntry.objects.create(
        instrument=instrument,
        user=user,
        organisation_id=profile.organisation_id,
        start=start,
        end=end,
        mode=mode,
    )


def _entry(row: WaitingListEntry) -> core.WaitingEntry:
    profile = booker_profile(row.user, row.instrument.facility)
    return core.WaitingEntry(
        entry_id=row.pk,
        joined_at=row.joined_at,
        request=core.BookingRequest(
            booker=policies.booker(user_id=row.user_id, profile=profile),
            interval=core.Interval(row.start, row.end),
            mode=core.BookingMode(row.mode),
        ),
    )


def do_promote_waiting_list(*, instrument: Instrument, now: datetime) -> Booking | None:
    """Book the first waiting request that now passes every rule (called after a cancellation)."""
    rows = list(
        WaitingListEntry.objects.filter(instrument=instrument, status=WaitingStatus.WAITING, start__gt=now)
        .select_related("user", "instrument__facility__organisation__centre")
        .order_by("joined_at", "id")[:50]
    )
    if not rows:
        return None
    first, last = min(r.start for r in rows), max(r.end for r in rows)
    bookings = policies.active_bookings_near(instrument, start=first, end=last)
    chosen = core.promote_from_waiting_list(
        [_entry(row) for row in rows],
        policy=policies.instrument_policy(instrument),
        existing=policies.existing(bookings),
        now=now,
    )
    if chosen is None:
        return None
    entry, decision = chosen
    row = next(r for r in rows if r.pk == entry.entry_id)
    return _book_from(row, decision, bookings)


def _book_from(row: WaitingListEntry, decision: core.Decision, bookings: list[Booking]) -> Booking | None:
    seat = free_seat(bookings, capacity=row.instrument.capacity, start=row.start, end=row.end)
    if seat is None:
        return None
    profile = booker_profile(row.user, row.instrument.facility)
    needs_approval = decision.outcome is core.Outcome.NEEDS_APPROVAL
    try:
        with transaction.atomic():
            booking = Booking.objects.create(
                instrument=row.instrument,
                user=row.user,
                organisation_id=profile.organisation_id,
                start=row.start,
                end=row.end,
                seat=seat,
                status=BookingStatus.PENDING if needs_approval else BookingStatus.CONFIRMED,
                mode=row.mode,
                category=profile.category,
                purpose="",
            )
            row.status, row.booking = WaitingStatus.PROMOTED, booking
            row.save(update_fields=["status", "booking"])
    except IntegrityError:
        return None  # someone booked the freed time first; the entry keeps waiting
    return booking
