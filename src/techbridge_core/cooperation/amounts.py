"""Amounts and terms of an agreement: non-negative, not absurd, technical income within the total,
a known ISO 4217 currency, an end on or after the start. All problems at once, one per field."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from techbridge_core.cooperation.currencies import ISO_4217

# Above this a figure is a typing slip, not a contract (10^13 of any currency).
MAX_AMOUNT = Decimal("9999999999999.99")
EARLIEST = date(1950, 1, 1)
LATEST = date(2200, 12, 31)


@dataclass(frozen=True, kw_only=True)
class Terms:
    total: Decimal | None = None
    technical_income: Decimal | None = None
    currency: str = ""
    starts_on: date | None = None
    ends_on: date | None = None


@dataclass(frozen=True)
class TermsProblem:
    field: str
    code: str


def _amount_problem(value: Decimal | None) -> str | None:
    if value is None:
        return None
    if not value.is_finite():
        return "amount_invalid"
    if value < 0:
        return "amount_negative"
    if value > MAX_AMOUNT:
        return "amount_absurd"
    if value.as_tuple().exponent < -2:  # type: ignore[operator]
        return "amount_precision"
    return None


def terms_problems(terms: Terms) -> tuple[TermsProblem, ...]:
    problems: list[TermsProblem] = []
    for field, value in (("total_amount", terms.total), ("technical_income", terms.technical_income)):
        if code := _amount_problem(value):
            problems.append(TermsProblem(field, code))
    amounts_ok = not problems
    if (
        amounts_ok
        and terms.total is not None
        and terms.technical_income is not None
        and terms.technical_income > terms.total
    ):
        problems.append(TermsProblem("technical_income", "income_above_total"))
    if terms.technical_income is not None and terms.total is None and amounts_ok:
        problems.append(TermsProblem("total_amount", "total_required"))
    has_amount = terms.total is not None or terms.technical_income is not None
    if terms.currency and terms.currency not in ISO_4217:
        problems.append(TermsProblem("currency", "currency_unknown"))
    elif has_amount and not terms.currency:
        problems.append(TermsProblem("currency", "currency_required"))
    for field, day in (("starts_on", terms.starts_on), ("ends_on", terms.ends_on)):
        if day is not None and not EARLIEST <= day <= LATEST:
            problems.append(TermsProblem(field, "date_out_of_range"))
    if terms.starts_on is not None and terms.ends_on is not None and terms.ends_on < terms.starts_on:
        problems.append(TermsProblem("ends_on", "end_before_start"))
    return tuple(problems)
