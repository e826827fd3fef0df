from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from booking_factories import at, span

from techbridge_core.booking import UserCategory
from techbridge_core.booking.fees import (
    Charge,
    ChargeUnit,
    LineNote,
    Rate,
    RateCard,
    StatementLine,
    SubsidyScheme,
    build_statement,
    statement_line,
)

INTERNAL, MEMBER, ENTERPRISE = (
    UserCategory.INTERNAL,
    UserCategory.ALLIANCE_MEMBER,
    UserCategory.EXTERNAL_ENTERPRISE,
)
CARD = RateCard(
    currency="HUF",
    rates=(
        Rate(INTERNAL, ChargeUnit.HOUR, Decimal("10000.00")),
        Rate(MEMBER, ChargeUnit.HOUR, Decimal("15000.00")),
        Rate(ENTERPRISE, ChargeUnit.SAMPLE, Decimal("33333.33")),
    ),
    late_cancellation_percent=Decimal(50),
)
VOUCHER = SubsidyScheme(
    scheme_id="innovation-voucher",
    percent=Decimal(40),
    budget_cap=Decimal("20000.00"),
    eligible_categories=frozenset({MEMBER, ENTERPRISE}),
    currency="HUF",
)


def charge(booking_id: int, category: UserCategory, minutes: int, **extra: Any) -> Charge:
    return Charge(booking_id, category, span(at(2, 10), minutes), **extra)


def test_statement_line_hourly_rate_without_subsidy() -> None:
    line = statement_line(charge(1, INTERNAL, 90), rate_card=CARD, scheme=None, budget_left=Decimal(0))
    assert line == StatementLine(
        booking_id=1,
        unit=ChargeUnit.HOUR,
        quantity=Decimal("1.50"),
        unit_price=Decimal("10000.00"),
        gross=Decimal("15000.00"),
        subsidy=Decimal("0.00"),
        net=Decimal("15000.00"),
        currency="HUF",
        scheme_id=None,
        notes=(),
    )


def test_statement_line_rounds_twenty_minutes_to_the_cent_half_up() -> None:
    card = RateCard("EUR", (Rate(INTERNAL, ChargeUnit.HOUR, Decimal("100.00")),))
    line = statement_line(charge(1, INTERNAL, 20), rate_card=card, scheme=None, budget_left=Decimal(0))
    assert (line.quantity, line.gross) == (Decimal("0.33"), Decimal("33.33"))


def test_statement_line_per_sample_with_voucher() -> None:
    line = statement_line(
        charge(2, ENTERPRISE, 60, samples=3, scheme_id=VOUCHER.scheme_id),
        rate_card=CARD,
        scheme=VOUCHER,
        budget_left=Decimal("50000.00"),
    )
    assert (line.quantity, line.gross, line.subsidy, line.net) == (
        Decimal(3),
        Decimal("99999.99"),
        Decimal("40000.00"),
        Decimal("59999.99"),
    )


def test_statement_line_not_eligible_category_gets_no_subsidy() -> None:
    line = statement_line(
        charge(3, INTERNAL, 60, scheme_id=VOUCHER.scheme_id),
        rate_card=CARD,
        scheme=VOUCHER,
        budget_left=Decimal("20000.00"),
    )
    assert (line.subsidy, line.notes) == (Decimal("0.00"), (LineNote.NOT_ELIGIBLE,))


def test_statement_line_unknown_scheme_is_noted() -> None:
    line = statement_line(
        charge(3, MEMBER, 60, scheme_id="gone"), rate_card=CARD, scheme=None, budget_left=Decimal(0)
    )
    assert (line.net, line.notes) == (Decimal("15000.00"), (LineNote.UNKNOWN_SCHEME,))


def test_statement_line_late_cancellation_charges_share_without_subsidy() -> None:
    line = statement_line(
        charge(4, MEMBER, 120, late_cancellation=True, scheme_id=VOUCHER.scheme_id),
        rate_card=CARD,
        scheme=VOUCHER,
        budget_left=Decimal("20000.00"),
    )
    assert (line.gross, line.subsidy, line.notes) == (
        Decimal("15000.00"),
        Decimal("0.00"),
        (LineNote.LATE_CANCELLATION, LineNote.LATE_CANCELLATION_NOT_SUBSIDISED),
    )


def test_statement_line_currency_mismatch_raises() -> None:
    euro_voucher = SubsidyScheme("eu", Decimal(50), Decimal(100), frozenset({MEMBER}), "EUR")
    with pytest.raises(ValueError, match="currencies"):
        statement_line(
            charge(5, MEMBER, 60, scheme_id="eu"),
            rate_card=CARD,
            scheme=euro_voucher,
            budget_left=Decimal(100),
        )


def test_build_statement_budget_exactly_used_then_exhausted() -> None:
    charges = [
        charge(1, MEMBER, 120, scheme_id=VOUCHER.scheme_id),  # 30000 gross, 12000 share
        charge(2, MEMBER, 60, scheme_id=VOUCHER.scheme_id),  # 15000 gross, 6000 share
        charge(3, MEMBER, 60, scheme_id=VOUCHER.scheme_id),  # 6000 share, 2000 left
        charge(4, MEMBER, 60, scheme_id=VOUCHER.scheme_id),  # budget gone
    ]
    statement = build_statement(
        charges, rate_card=CARD, schemes=[VOUCHER], spent={VOUCHER.scheme_id: Decimal(0)}
    )
    assert [(line.subsidy, line.notes) for line in statement.lines] == [
        (Decimal("12000.00"), ()),
        (Decimal("6000.00"), ()),
        (Decimal("2000.00"), (LineNote.BUDGET_CAPPED,)),
        (Decimal("0.00"), (LineNote.BUDGET_EXHAUSTED,)),
    ]
    assert statement.spent == {VOUCHER.scheme_id: Decimal("20000.00")}


def test_build_statement_starts_from_budget_already_spent() -> None:
    statement = build_statement(
        [charge(1, MEMBER, 60, scheme_id=VOUCHER.scheme_id)],
        rate_card=CARD,
        schemes=[VOUCHER],
        spent={VOUCHER.scheme_id: Decimal("14000.00")},
    )
    assert statement.lines[0].subsidy == Decimal("6000.00")
    assert statement.lines[0].notes == ()
    assert statement.spent == {VOUCHER.scheme_id: Decimal("20000.00")}


def test_build_statement_lines_add_up() -> None:
    charges = [charge(i, MEMBER, 30 * i, scheme_id=VOUCHER.scheme_id) for i in range(1, 6)]
    statement = build_statement(charges, rate_card=CARD, schemes=[VOUCHER], spent={})
    for line in statement.lines:
        assert line.gross - line.subsidy == line.net
    assert sum(line.subsidy for line in statement.lines) == statement.spent[VOUCHER.scheme_id]
