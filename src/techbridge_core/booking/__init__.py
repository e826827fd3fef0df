"""Shared-instrument booking rules: may this booking be made, and if not, when instead?

The web layer builds immutable values from its rows (``InstrumentPolicy``, ``Booker``,
``BookingRequest``, ``ExistingBooking``) and calls ``evaluate`` and ``suggest_windows``.
Decisions are codes with parameters (``Reason``) that the web layer translates. The
database, not this package, prevents two concurrent writers from double booking.
"""

from techbridge_core.booking.cancellation import (
    CancellationDecision,
    CancellationKind,
    cancellation,
)
from techbridge_core.booking.evaluate import evaluate
from techbridge_core.booking.intervals import Interval
from techbridge_core.booking.opening_hours import OpeningWindow, always_open, weekdays
from techbridge_core.booking.policy import InstrumentPolicy, Quotas
from techbridge_core.booking.reasons import Decision, Outcome, Reason, ReasonCode
from techbridge_core.booking.suggest import Suggestion, suggest_windows
from techbridge_core.booking.values import (
    Blackout,
    Booker,
    BookingMode,
    BookingRequest,
    ExistingBooking,
    UserCategory,
)
from techbridge_core.booking.waiting_list import (
    WaitingEntry,
    may_join_waiting_list,
    promote_from_waiting_list,
)

__all__ = [
    "Blackout",
    "Booker",
    "BookingMode",
    "BookingRequest",
    "CancellationDecision",
    "CancellationKind",
    "Decision",
    "ExistingBooking",
    "InstrumentPolicy",
    "Interval",
    "OpeningWindow",
    "Outcome",
    "Quotas",
    "Reason",
    "ReasonCode",
    "Suggestion",
    "UserCategory",
    "WaitingEntry",
    "always_open",
    "cancellation",
    "evaluate",
    "may_join_waiting_list",
    "promote_from_waiting_list",
    "suggest_windows",
    "weekdays",
]
