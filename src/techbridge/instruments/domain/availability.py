"""When an instrument is full and when it is free, for the API and the pages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from techbridge.instruments.domain import policies
from techbridge.instruments.enums import ACTIVE_STATUSES, InstrumentStatus
from techbridge.instruments.models import Booking, Instrument
from techbridge_core import booking as core
from techbridge_core.booking.capacity import full_periods
from techbridge_core.booking.intervals import subtract
from techbridge_core.booking.opening_hours import open_intervals

MAX_SPAN = timedelta(days=31)


@dataclass(frozen=True)
class Availability:
    span: core.Interval
    full: tuple[core.Interval, ...]
    """Periods in which every unit is booked (pending bookings included)."""
    free: tuple[core.Interval, ...]
    """Open, not blacked out, not full."""


def availability(instrument: Instrument, *, start: datetime, end: datetime) -> Availability:
    """Bounded to 31 days; a retired or maintained instrument has no free time."""
    end = min(end, start + MAX_SPAN)
    span = core.Interval(start, end)
    rows = Booking.objects.filter(
        instrument=instrument, status__in=ACTIVE_STATUSES, start__lt=span.end, end__gt=span.start
    ).only("start", "end")
    full = full_periods([core.Interval(r.start, r.end) for r in rows], instrument.capacity)
    if instrument.status != InstrumentStatus.AVAILABLE:
        return Availability(span=span, full=full, free=())
    policy = policies.instrument_policy(instrument)
    opened = open_intervals(policy.opening_hours, span, policy.time_zone)
    closed = [b.interval for b in policy.blackouts] + list(full)
    return Availability(span=span, full=full, free=subtract(opened, closed))
