"""Numbers and dates in printed documents follow the reader's language through Django's formats."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from techbridge.common.pdf import printed_date, printed_number


@pytest.mark.parametrize(
    ("language", "expected"),
    [("hu", "22\xa0000,00"), ("en", "22,000.00"), ("zh-hans", "22000.00")],
)
def test_amounts_are_grouped_and_pointed_the_readers_way(language: str, expected: str) -> None:
    with translation.override(language):
        assert printed_number(Decimal("22000")) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("zh-hans", "2026年12月3日"), ("hu", "2026. december 3."), ("en", "Dec. 3, 2026")],
)
def test_dates_are_in_the_readers_order(language: str, expected: str) -> None:
    with translation.override(language):
        assert printed_date(date(2026, 12, 3)) == expected
