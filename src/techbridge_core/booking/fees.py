"""Fees for instrument use: rate cards per user category, subsidy schemes, statement lines.

Money is ``Decimal`` throughout and every amount is rounded to the cent once, half up,
where it is produced (gross, then subsidy); net is their exact difference, so the three
columns of a statement always add up.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from techbridge_core.booking.intervals import Interval
from techbridge_core.booking.values import UserCategory

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
HUNDRED = Decimal(100)
MINUTES_PER_HOUR = Decimal(60)


class ChargeUnit(StrEnum):
    HOUR = "hour"
    SAMPLE = "sample"


class LineNote(StrEnum):
    LATE_CANCELLATION = "late_cancellation"
    UNKNOWN_SCHEME = "unknown_scheme"
    NOT_ELIGIBLE = "not_eligible"
    LATE_CANCELLATION_NOT_SUBSIDISED = "late_cancellation_not_subsidised"
    BUDGET_CAPPED = "budget_capped"
    """The scheme paid part of its share, then its budget ran out."""
    BUDGET_EXHAUSTED = "budget_exhausted"
    """The scheme had nothing left to pay."""


@dataclass(frozen=True, slots=True)
class Rate:
    category: UserCategory
    unit: ChargeUnit
    price: Decimal


@dataclass(frozen=True, slots=True)
class RateCard:
    currency: str
    rates: tuple[Rate, ...]
    late_cancellation_percent: Decimal = HUNDRED
    """Share of the price charged for a late cancellation."""

    def rate_for(self, category: UserCategory) -> Rate:
        for rate in self.rates:
            if rate.category is category:
                return rate
        raise LookupError(f"no rate for category {category}")


@dataclass(frozen=True, slots=True)
class SubsidyScheme:
    """A voucher or subsidy programme paying back a share of eligible fees."""

    scheme_id: str
    percent: Decimal
    budget_cap: Decimal
    eligible_categories: frozenset[UserCategory]
    currency: str
    covers_late_cancellation: bool = False


@dataclass(frozen=True, slots=True)
class Charge:
    """One booking to bill: reserved time (or samples), and the voucher the user chose."""

    booking_id: int
    category: UserCategory
    reserved: Interval
    samples: int = 0
    late_cancellation: bool = False
    scheme_id: str | None = None


@dataclass(frozen=True, slots=True)
class StatementLine:
    booking_id: int
    unit: ChargeUnit
    quantity: Decimal
    """Hours (to 1/100 hour, for display) or samples."""
    unit_price: Decimal
    gross: Decimal
    subsidy: Decimal
    net: Decimal
    currency: str
    scheme_id: str | None
    notes: tuple[LineNote, ...]


@dataclass(frozen=True, slots=True)
class Statement:
    lines: tuple[StatementLine, ...]
    spent: Mapping[str, Decimal]
    """Each scheme's budget used, including what was used before these lines."""


def build_statement(
    charges: Iterable[Charge],
    *,
    rate_card: RateCard,
    schemes: Iterable[SubsidyScheme],
    spent: Mapping[str, Decimal],
) -> Statement:
    """Lines in the order given; budgets are consumed in that order (first come, first paid)."""
    by_id = {scheme.scheme_id: scheme for scheme in schemes}
    used = {scheme_id: spent.get(scheme_id, ZERO) for scheme_id in by_id}
    lines = []
    for charge in charges:
        scheme = by_id.get(charge.scheme_id) if charge.scheme_id is not None else None
        left = scheme.budget_cap - used[scheme.scheme_id] if scheme else ZERO
        line = statement_line(charge, rate_card=rate_card, scheme=scheme, budget_left=left)
        if scheme is not None:
            used[scheme.scheme_id] += line.subsidy
        lines.append(line)
    return Statement(lines=tuple(lines), spent=used)


def statement_line(
    charge: Charge, *, rate_card: RateCard, scheme: SubsidyScheme | None, budget_left: Decimal
) -> StatementLine:
    """One booking's line. ``scheme`` is the one named by ``charge.scheme_id`` (``None``
    if unknown); ``budget_left`` is what it can still pay."""
    rate = rate_card.rate_for(charge.category)
    quantity, gross = _gross(charge, rate)
    notes: tuple[LineNote, ...] = ()
    if charge.late_cancellation:
        gross = _cents(gross * rate_card.late_cancellation_percent / HUNDRED)
        notes = (LineNote.LATE_CANCELLATION,)
    subsidy, subsidy_notes = _subsidy(
        charge, gross, scheme=scheme, budget_left=budget_left, currency=rate_card.currency
    )
    return StatementLine(
        booking_id=charge.booking_id,
        unit=rate.unit,
        quantity=quantity,
        unit_price=rate.price,
        gross=gross,
        subsidy=subsidy,
        net=gross - subsidy,
        currency=rate_card.currency,
        scheme_id=charge.scheme_id,
        notes=notes + subsidy_notes,
    )


def _gross(charge: Charge, rate: Rate) -> tuple[Decimal, Decimal]:
    if rate.unit is ChargeUnit.SAMPLE:
        return Decimal(charge.samples), _cents(rate.price * charge.samples)
    minutes = Decimal(charge.reserved.duration // timedelta(minutes=1))
    hours = minutes / MINUTES_PER_HOUR
    return _cents(hours), _cents(rate.price * minutes / MINUTES_PER_HOUR)


def _subsidy(
    charge: Charge,
    gross: Decimal,
    *,
    scheme: SubsidyScheme | None,
    budget_left: Decimal,
    currency: str,
) -> tuple[Decimal, tuple[LineNote, ...]]:
    if charge.scheme_id is None:
        return ZERO, ()
    if scheme is None:
        return ZERO, (LineNote.UNKNOWN_SCHEME,)
    if scheme.currency != currency:
        raise ValueError("subsidy scheme and rate card use different currencies")
    refusal = _why_not_eligible(charge, scheme)
    if refusal is not None:
        return ZERO, (refusal,)
    share = _cents(gross * scheme.percent / HUNDRED)
    paid = max(min(share, budget_left), ZERO)
    if paid == share:
        return paid, ()
    return paid, (LineNote.BUDGET_CAPPED if paid else LineNote.BUDGET_EXHAUSTED,)


def _why_not_eligible(charge: Charge, scheme: SubsidyScheme) -> LineNote | None:
    if charge.category not in scheme.eligible_categories:
        return LineNote.NOT_ELIGIBLE
    if charge.late_cancellation and not scheme.covers_late_cancellation:
        return LineNote.LATE_CANCELLATION_NOT_SUBSIDISED
    return None


def _cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)
