"""May a booking still be cancelled for free?"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from techbridge_core.booking.intervals import Interval
from techbridge_core.booking.policy import InstrumentPolicy


class CancellationKind(StrEnum):
    FREE = "free"
    LATE = "late"
    """Allowed, but charged by the rate card's late-cancellation share."""
    STARTED = "started"
    """The booking has begun: it can no longer be cancelled, only ended early."""


@dataclass(frozen=True, slots=True)
class CancellationDecision:
    kind: CancellationKind
    free_until: datetime
    """Last instant of free cancellation (exclusive), for the confirmation page."""


def cancellation(booking: Interval, *, policy: InstrumentPolicy, now: datetime) -> CancellationDecision:
    """Free until ``free_cancellation_notice`` before the start, late after, refused once
    started. Cancelling exactly at the deadline is already late."""
    free_until = booking.start - policy.free_cancellation_notice
    if now >= booking.start:
        kind = CancellationKind.STARTED
    elif now < free_until:
        kind = CancellationKind.FREE
    else:
        kind = CancellationKind.LATE
    return CancellationDecision(kind=kind, free_until=free_until)
