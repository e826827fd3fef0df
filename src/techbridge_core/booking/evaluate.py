"""``evaluate``: may this request be booked, must someone approve it, or why not?"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from techbridge_core.booking.context import RuleContext, prepare_context
from techbridge_core.booking.policy import InstrumentPolicy
from techbridge_core.booking.reasons import Decision
from techbridge_core.booking.rules import BOOKER_RULES, TIME_RULES, approvals, run_rules
from techbridge_core.booking.values import BookingRequest, ExistingBooking


def evaluate(
    request: BookingRequest,
    *,
    policy: InstrumentPolicy,
    existing: Iterable[ExistingBooking],
    now: datetime,
) -> Decision:
    """Check every rule and report every violation, not just the first.

    ``existing`` are the instrument's active bookings, without the one being edited
    (when moving a booking, pass the others). Double booking under concurrency is the
    database's job; this decides whether the rules allow the request at all.
    """
    context = prepare_context(
        policy=policy, booker=request.booker, existing=existing, now=now, within=request.interval
    )
    return decide(context, request)


def decide(context: RuleContext, request: BookingRequest) -> Decision:
    return Decision(
        refusals=run_rules(BOOKER_RULES + TIME_RULES, context, request),
        approvals=tuple(approvals(context, request)),
    )
