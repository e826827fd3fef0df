"""Waiting list: who may join it, and who is promoted when a place frees up."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from techbridge_core.booking.evaluate import evaluate
from techbridge_core.booking.policy import InstrumentPolicy
from techbridge_core.booking.reasons import Decision, Outcome, ReasonCode
from techbridge_core.booking.values import BookingRequest, ExistingBooking


@dataclass(frozen=True, slots=True)
class WaitingEntry:
    entry_id: int
    joined_at: datetime
    request: BookingRequest


def may_join_waiting_list(decision: Decision) -> bool:
    """Only a request refused for being full alone: a cancellation could make it fit,
    while any other refusal would still stand."""
    codes = set(decision.refusal_codes)
    return codes == {ReasonCode.CAPACITY_FULL}


def promote_from_waiting_list(
    waiting: Sequence[WaitingEntry],
    *,
    policy: InstrumentPolicy,
    existing: Iterable[ExistingBooking],
    now: datetime,
) -> tuple[WaitingEntry, Decision] | None:
    """The first in line (by join time, then id) whose request now passes every rule.

    ``existing`` is the instrument's bookings after the cancellation. The returned
    decision may still be ``needs_approval``: promotion then creates a pending booking.
    """
    bookings = tuple(existing)
    for entry in sorted(waiting, key=lambda e: (e.joined_at, e.entry_id)):
        decision = evaluate(entry.request, policy=policy, existing=bookings, now=now)
        if decision.outcome is not Outcome.REFUSED:
            return entry, decision
    return None
