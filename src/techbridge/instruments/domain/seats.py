"""Units ("seats") of an instrument with capacity > 1: a booking keeps one unit for its whole window."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from techbridge.instruments.models import Booking


def free_seat(bookings: Sequence[Booking], *, capacity: int, start: datetime, end: datetime) -> int | None:
    """The lowest unit with no active booking overlapping [start, end)."""
    taken = {row.seat for row in bookings if row.start < end and start < row.end}
    return next((seat for seat in range(capacity) if seat not in taken), None)
