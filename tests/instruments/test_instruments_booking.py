"""Booking through the domain: approvals, refusals with suggestions, training, waiting list,
cancellation rules, capacity units, check-in/out and billing with a subsidy budget."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from techbridge.instruments.domain.booking import (
    BookingAsk,
    BookingRefused,
    BookingStateError,
    check_cancel_booking,
    check_create_booking,
    check_decide_booking,
)
from techbridge.instruments.domain.fees import monthly_statement
from techbridge.instruments.domain.usage import check_check_in, check_check_out
from techbridge.instruments.domain.waiting import do_join_waiting_list
from techbridge.instruments.enums import BookingStatus, WaitingStatus
from techbridge.instruments.models import Charge, Qualification, WaitingListEntry

BUDAPEST = ZoneInfo("Europe/Budapest")


def _at(days: int, hour: int) -> datetime:
    day = (datetime.now(UTC) + timedelta(days=days)).astimezone(BUDAPEST).date()
    return datetime.combine(day, time(hour), tzinfo=BUDAPEST)


def _book(lab, user, start, hours=1, **fields):  # type: ignore[no-untyped-def]
    instrument = fields.pop("instrument", lab.instrument)
    return check_create_booking(
        BookingAsk(
            instrument=instrument, user=user, start=start, end=start + timedelta(hours=hours), **fields
        )
    )


def test_internal_booking_is_confirmed_and_external_awaits_approval(lab) -> None:  # type: ignore[no-untyped-def]
    lab.instrument.approval_for = ["alliance_member", "external_enterprise"]
    lab.instrument.save()

    internal = _book(lab, lab.internal, _at(3, 9))
    external = _book(lab, lab.external, _at(3, 11))

    assert (internal.status, internal.category) == (BookingStatus.CONFIRMED, "internal")
    assert (external.status, external.category, external.organisation) == (
        BookingStatus.PENDING,
        "external_enterprise",
        lab.enterprise,
    )
    check_decide_booking(booking=external, manager=lab.manager, approve=True)
    assert external.status == BookingStatus.CONFIRMED


def test_conflict_is_refused_with_the_nearest_free_windows(lab) -> None:  # type: ignore[no-untyped-def]
    _book(lab, lab.internal, _at(3, 9), hours=2)

    with pytest.raises(BookingRefused) as refused:
        _book(lab, lab.external, _at(3, 10))

    assert refused.value.conflict is True
    assert refused.value.may_wait is True
    assert [r.code for r in refused.value.refusals] == ["capacity_full"]
    starts = [f"{w.start.astimezone(BUDAPEST):%H:%M}" for w in refused.value.suggestions[:3]]
    assert starts == ["11:00", "11:30", "08:00"]


def test_rules_refusal_is_not_a_conflict(lab) -> None:  # type: ignore[no-untyped-def]
    lab.instrument.max_duration_minutes = 60
    lab.instrument.save()

    with pytest.raises(BookingRefused) as refused:
        _book(lab, lab.internal, _at(3, 9) + timedelta(minutes=10), hours=2)

    assert refused.value.conflict is False
    assert {r.code for r in refused.value.refusals} == {"not_aligned", "too_long"}


def test_training_is_required_for_self_service_but_not_for_operated_use(lab) -> None:  # type: ignore[no-untyped-def]
    lab.instrument.required_qualification = "sem-basic"
    lab.instrument.save()

    with pytest.raises(BookingRefused) as refused:
        _book(lab, lab.alliance_member, _at(3, 9))
    operated = _book(lab, lab.alliance_member, _at(3, 9), mode="operated")
    Qualification.objects.create(user=lab.alliance_member, code="sem-basic")
    trained = _book(lab, lab.alliance_member, _at(3, 12))

    assert [r.code for r in refused.value.refusals] == ["training_required"]
    assert refused.value.suggestions == ()
    assert operated.status == BookingStatus.PENDING  # staff confirm operated sessions
    assert trained.status == BookingStatus.CONFIRMED


def test_cancellation_promotes_the_waiting_list(lab) -> None:  # type: ignore[no-untyped-def]
    first = _book(lab, lab.internal, _at(5, 9))
    do_join_waiting_list(
        instrument=lab.instrument, user=lab.external, start=_at(5, 9), end=_at(5, 10), mode="self_service"
    )

    check_cancel_booking(booking=first)

    entry = WaitingListEntry.objects.get()
    assert entry.status == WaitingStatus.PROMOTED
    assert (entry.booking.user, entry.booking.status) == (lab.external, BookingStatus.CONFIRMED)
    assert first.late_cancellation is False


def test_late_cancellation_is_charged_and_started_booking_cannot_be_cancelled(lab) -> None:  # type: ignore[no-untyped-def]
    soon = _book(lab, lab.external, _at(0, 0) + timedelta(days=1, hours=2))
    check_cancel_booking(booking=soon, now=soon.start - timedelta(hours=2))
    running = _book(lab, lab.internal, _at(4, 9))

    with pytest.raises(BookingStateError) as error:
        check_cancel_booking(booking=running, now=running.start + timedelta(minutes=5))

    assert soon.late_cancellation is True
    assert Charge.objects.get(booking=soon).gross == Decimal("400.00")
    assert error.value.code == "already_started"


def test_capacity_two_gives_each_booking_its_own_unit(lab, instrument_factory) -> None:  # type: ignore[no-untyped-def]
    pair = instrument_factory(lab.facility, capacity=2)

    first = _book(lab, lab.internal, _at(3, 9), instrument=pair)
    second = _book(lab, lab.external, _at(3, 9), instrument=pair)
    with pytest.raises(BookingRefused) as refused:
        _book(lab, lab.alliance_member, _at(3, 9), instrument=pair)

    assert (first.seat, second.seat) == (0, 1)
    assert refused.value.conflict is True


def test_check_out_bills_with_the_subsidy_until_the_budget_runs_out(lab) -> None:  # type: ignore[no-untyped-def]
    bookings = [_book(lab, lab.external, _at(3, 8 + 3 * n), hours=3, scheme=lab.scheme) for n in range(4)]
    for booking in bookings:
        check_check_in(booking=booking, now=booking.start)
        check_check_out(booking=booking, now=booking.end)

    charges = list(Charge.objects.order_by("booking__start"))
    month = charges[0].month
    statement = monthly_statement(organisation=lab.enterprise, month=month)

    assert [c.gross for c in charges] == [Decimal("1200.00")] * 4
    assert [c.subsidy for c in charges] == [
        Decimal("360.00"),
        Decimal("360.00"),
        Decimal("280.00"),
        Decimal("0.00"),
    ]
    assert charges[2].notes == ["budget_capped"]
    assert sum(c.net for c in statement.charges) + sum(c.subsidy for c in statement.charges) == Decimal(
        "4800.00"
    )


def test_check_in_needs_a_confirmed_booking_near_its_start(lab) -> None:  # type: ignore[no-untyped-def]
    booking = _book(lab, lab.internal, _at(3, 9))

    with pytest.raises(BookingStateError) as error:
        check_check_in(booking=booking, now=booking.start - timedelta(hours=2))

    assert error.value.code == "outside_check_in_window"
