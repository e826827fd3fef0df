"""Billing with the core's rate cards and subsidy schemes; statements per booking and per month.

A booking is billed once, when it is checked out (or cancelled late): the core computes the line
and the scheme's budget is consumed in billing order, under a lock of the scheme row so two
concurrent bills cannot both spend the last of a budget.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import QuerySet, Sum

from techbridge.directory.models import Organisation
from techbridge.instruments.domain import policies
from techbridge.instruments.models import Booking, Charge, SubsidyScheme
from techbridge_core import booking as core
from techbridge_core.booking.fees import Charge as CoreCharge
from techbridge_core.booking.fees import StatementLine, statement_line

ZERO = Decimal("0.00")


def month_of(booking: Booking) -> date:
    start = policies.utc(booking.start)
    return date(start.year, start.month, 1)


def scheme_spent(scheme: SubsidyScheme) -> Decimal:
    return Charge.objects.filter(scheme=scheme).aggregate(total=Sum("subsidy"))["total"] or ZERO


def _core_charge(booking: Booking) -> CoreCharge:
    return CoreCharge(
        booking_id=booking.pk,
        category=core.UserCategory(booking.category),
        reserved=core.Interval(booking.start, booking.end),
        samples=booking.samples,
        late_cancellation=booking.late_cancellation,
        scheme_id=booking.scheme.slug if booking.scheme_id and booking.scheme else None,
    )


def provisional_line(booking: Booking) -> StatementLine | None:
    """What the booking would cost if billed now (no budget consumed); None without a rate."""
    card = policies.rate_card(booking.instrument)
    scheme = booking.scheme
    left = scheme.budget_cap - scheme_spent(scheme) if scheme else ZERO
    try:
        return statement_line(
            _core_charge(booking),
            rate_card=card,
            scheme=policies.subsidy_scheme(scheme) if scheme else None,
            budget_left=left,
        )
    except LookupError:
        return None


def do_bill_booking(*, booking: Booking) -> Charge | None:
    """Store the booking's statement line; idempotent; None when the instrument has no rate."""
    existing = Charge.objects.filter(booking=booking).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        if booking.scheme_id:
            SubsidyScheme.objects.select_for_update().filter(pk=booking.scheme_id).first()
        line = provisional_line(booking)
        if line is None:
            return None
        charge = charge_of(booking, line)
        charge.save()
        return charge


def charge_of(booking: Booking, line: StatementLine) -> Charge:
    """The unsaved statement row of a booking's line (the booking's scheme paid the subsidy)."""
    return Charge(
        booking=booking,
        organisation_id=booking.organisation_id,
        month=month_of(booking),
        unit=line.unit.value,
        quantity=line.quantity,
        unit_price=line.unit_price,
        gross=line.gross,
        subsidy=line.subsidy,
        net=line.net,
        currency=line.currency,
        scheme_id=booking.scheme_id,
        notes=[note.value for note in line.notes],
    )


@dataclass(frozen=True)
class MonthlyStatement:
    organisation: Organisation
    month: date
    charges: list[Charge]
    totals: dict[str, tuple[Decimal, Decimal, Decimal]]
    """Per currency: gross, subsidy, net."""


def organisation_charges(organisation: Organisation, month: date) -> QuerySet[Charge]:
    return (
        Charge.objects.filter(organisation=organisation, month=month)
        .select_related("booking__instrument__facility__organisation", "booking__user", "scheme")
        .order_by("booking__start", "id")
    )


def monthly_statement(*, organisation: Organisation, month: date) -> MonthlyStatement:
    charges = list(organisation_charges(organisation, month))
    totals: dict[str, tuple[Decimal, Decimal, Decimal]] = {}
    for charge in charges:
        gross, subsidy, net = totals.get(charge.currency, (ZERO, ZERO, ZERO))
        totals[charge.currency] = (gross + charge.gross, subsidy + charge.subsidy, net + charge.net)
    return MonthlyStatement(organisation=organisation, month=month, charges=charges, totals=totals)
