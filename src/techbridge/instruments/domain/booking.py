"""Creating, deciding and cancelling bookings: the core decides, the database guarantees.

`check_create_booking` evaluates the instrument's rules with techbridge_core.booking inside one
transaction and inserts the row; two concurrent requests for the same time can both pass the
evaluation (PostgreSQL, READ COMMITTED), and then the exclusion constraint refuses the second
insert. Either way the loser gets a `BookingRefused` with the nearest free windows, never a 500.
Instruments with capacity > 1 lock their row first, so the evaluation itself is serialised and
the seat chosen for the booking is free (docs/decisions/0008-instrument-booking-storage.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from techbridge.accounts.models import User
from techbridge.instruments.domain import policies
from techbridge.instruments.domain.seats import free_seat
from techbridge.instruments.domain.waiting import do_promote_waiting_list
from techbridge.instruments.enums import ACTIVE_STATUSES, BookingMode, BookingStatus, InstrumentStatus
from techbridge.instruments.models import Booking, Instrument, SubsidyScheme
from techbridge.instruments.roles import BookerProfile, booker_profile
from techbridge_core import booking as core

SUGGESTION_LIMIT = 5
SUGGEST_REACH = timedelta(days=8)
"""The core searches ±7 days around the request; its quotas look a week further."""
INSTRUMENT_UNAVAILABLE = "instrument_unavailable"
OPERATED_NOT_OFFERED = "operated_not_offered"
SCHEME_CLOSED = "scheme_closed"
"""Refusals the web layer adds to the core's ReasonCodes (same shape: a code and params)."""


@dataclass(frozen=True)
class Refusal:
    code: str
    params: dict[str, object] = field(default_factory=dict)


class BookingRefused(Exception):  # noqa: N818 - a domain outcome, not a programming error
    """The request is refused; `conflict` means the time is taken (HTTP 409), else the rules say no."""

    def __init__(
        self,
        refusals: Sequence[Refusal],
        *,
        suggestions: Sequence[core.Interval] = (),
        conflict: bool = False,
        may_wait: bool = False,
    ) -> None:
        super().__init__(", ".join(refusal.code for refusal in refusals))
        self.refusals = tuple(refusals)
        self.suggestions = tuple(suggestions)
        self.conflict = conflict
        self.may_wait = may_wait


@dataclass(frozen=True, kw_only=True)
class BookingAsk:
    instrument: Instrument
    user: User
    start: datetime
    end: datetime
    mode: str = BookingMode.SELF_SERVICE
    samples: int = 0
    purpose: str = ""
    scheme: SubsidyScheme | None = None


def refusals_of(reasons: Sequence[core.Reason]) -> list[Refusal]:
    return [Refusal(str(reason.code), dict(reason.params)) for reason in reasons]


def core_request(ask: BookingAsk, profile: BookerProfile) -> core.BookingRequest:
    return core.BookingRequest(
        booker=policies.booker(user_id=ask.user.pk, profile=profile),
        interval=core.Interval(ask.start, ask.end),
        mode=core.BookingMode(ask.mode),
    )


def _precheck(ask: BookingAsk) -> None:
    refusals = []
    if ask.instrument.status != InstrumentStatus.AVAILABLE:
        refusals.append(Refusal(INSTRUMENT_UNAVAILABLE, {"status": ask.instrument.status}))
    if ask.mode == BookingMode.OPERATED and not ask.instrument.operated_available:
        refusals.append(Refusal(OPERATED_NOT_OFFERED))
    if ask.scheme is not None and not ask.scheme.is_active:
        refusals.append(Refusal(SCHEME_CLOSED))
    if ask.end <= ask.start:
        refusals.append(
            Refusal(str(core.ReasonCode.TOO_SHORT), {"min_minutes": ask.instrument.min_duration_minutes})
        )
    if refusals:
        raise BookingRefused(refusals)


def suggestions_for(
    instrument: Instrument,
    request: core.BookingRequest,
    *,
    now: datetime,
    policy: core.InstrumentPolicy | None = None,
) -> tuple[core.Interval, ...]:
    policy = policy or policies.instrument_policy(instrument)
    span = request.interval
    rows = policies.active_bookings_near(
        instrument, start=span.start - SUGGEST_REACH, end=span.end + SUGGEST_REACH
    )
    found = core.suggest_windows(
        request, policy=policy, existing=policies.existing(rows), now=now, limit=SUGGESTION_LIMIT * 3
    )
    windows = [
        item.interval
        for item in found
        if free_seat(rows, capacity=instrument.capacity, start=item.interval.start, end=item.interval.end)
        is not None
    ]
    return tuple(windows[:SUGGESTION_LIMIT])


def _status_for(decision: core.Decision) -> str:
    if decision.outcome is core.Outcome.NEEDS_APPROVAL:
        return BookingStatus.PENDING
    return BookingStatus.CONFIRMED


def _insert(
    ask: BookingAsk, request: core.BookingRequest, profile: BookerProfile, *, now: datetime
) -> Booking:
    instrument = ask.instrument
    if instrument.capacity > 1:
        # Serialise writers of this instrument: evaluate + seat choice see every committed booking.
        Instrument.objects.select_for_update().filter(pk=instrument.pk).first()
    policy = policies.instrument_policy(instrument)
    rows = policies.active_bookings_near(instrument, start=ask.start, end=ask.end)
    decision = core.evaluate(request, policy=policy, existing=policies.existing(rows), now=now)
    seat = free_seat(rows, capacity=instrument.capacity, start=ask.start, end=ask.end)
    if decision.outcome is core.Outcome.REFUSED or seat is None:
        raise _refused(ask, request, decision, now=now, policy=policy)
    return Booking.objects.create(
        instrument=instrument,
        user=ask.user,
        organisation_id=profile.organisation_id,
        start=ask.start,
        end=ask.end,
        seat=seat,
        status=_status_for(decision),
        mode=ask.mode,
        category=profile.category,
        samples=ask.samples,
        purpose=ask.purpose,
        scheme=ask.scheme,
    )


def _refused(
    ask: BookingAsk,
    request: core.BookingRequest,
    decision: core.Decision,
    *,
    now: datetime,
    policy: core.InstrumentPolicy,
) -> BookingRefused:
    reasons = list(decision.refusals)
    if not reasons:  # every instant has room, but no single unit is free for the whole window
        reasons = [_taken(ask)]
    codes = {reason.code for reason in reasons}
    return BookingRefused(
        refusals_of(reasons),
        suggestions=suggestions_for(ask.instrument, request, now=now, policy=policy),
        conflict=core.ReasonCode.CAPACITY_FULL in codes,
        may_wait=codes == {core.ReasonCode.CAPACITY_FULL},
    )


def _taken(ask: BookingAsk) -> core.Reason:
    return core.Reason.of(
        core.ReasonCode.CAPACITY_FULL,
        capacity=ask.instrument.capacity,
        full_from=policies.utc(ask.start),
        full_until=policies.utc(ask.end),
    )


def check_create_booking(ask: BookingAsk, *, now: datetime | None = None) -> Booking:
    """Book if the rules allow it and the time is still free; else raise BookingRefused."""
    now = now or timezone.now()
    _precheck(ask)
    profile = booker_profile(ask.user, ask.instrument.facility)
    request = core_request(ask, profile)
    try:
        with transaction.atomic():
            return _insert(ask, request, profile, now=now)
    except IntegrityError:
        # A concurrent request won the same time between our evaluation and our insert.
        raise BookingRefused(
            refusals_of([_taken(ask)]),
            suggestions=suggestions_for(ask.instrument, request, now=now),
            conflict=True,
            may_wait=True,
        ) from None


class BookingStateError(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def check_decide_booking(*, booking: Booking, manager: User, approve: bool, note: str = "") -> Booking:
    """A facility manager approves or rejects a pending booking (access checked by the caller)."""
    if booking.status != BookingStatus.PENDING:
        raise BookingStateError("not_pending")
    with transaction.atomic():
        booking.status = BookingStatus.CONFIRMED if approve else BookingStatus.REJECTED
        booking.decided_by = manager
        booking.decided_at = timezone.now()
        booking.decision_note = note[:500]
        booking.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
        if not approve:
            do_promote_waiting_list(instrument=booking.instrument, now=timezone.now())
    return booking


def cancellation_for(booking: Booking, *, now: datetime) -> core.CancellationDecision:
    policy = policies.instrument_policy(booking.instrument)
    return core.cancellation(core.Interval(booking.start, booking.end), policy=policy, now=now)


def check_cancel_booking(*, booking: Booking, now: datetime | None = None) -> Booking:
    """Free before the notice period, late (charged) after it, refused once started."""
    from techbridge.instruments.domain.fees import do_bill_booking

    now = now or timezone.now()
    if booking.status not in ACTIVE_STATUSES:
        raise BookingStateError("not_active")
    kind = cancellation_for(booking, now=now).kind
    if kind is core.CancellationKind.STARTED:
        raise BookingStateError("already_started")
    with transaction.atomic():
        booking.late_cancellation = (
            kind is core.CancellationKind.LATE and booking.status == BookingStatus.CONFIRMED
        )
        booking.status = BookingStatus.CANCELLED
        booking.cancelled_at = now
        booking.save(update_fields=["status", "cancelled_at", "late_cancellation"])
        if booking.late_cancellation:
            do_bill_booking(booking=booking)
        do_promote_waiting_list(instrument=booking.instrument, now=now)
    return booking
