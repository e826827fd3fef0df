"""Years and months as the indicators count them: bounds of a year, monthly series, change on
the year before. Years outside the platform's range are refused with a reason, not guessed."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

MIN_YEAR = 1970
MAX_YEAR = 2200


class PeriodError(ValueError):
    """A period no record can fall in; the message says which range is allowed."""


def check_year(year: int) -> int:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PeriodError(f"year {year} is outside {MIN_YEAR}–{MAX_YEAR}")
    return year


def year_bounds(year: int) -> tuple[date, date]:
    """First day of `year` and first day of the next: records count when first <= date < next."""
    check_year(year)
    return date(year, 1, 1), date(year + 1, 1, 1)


def monthly_counts(dates: Iterable[date], year: int) -> tuple[int, ...]:
    """Twelve counts, January first, of the dates that fall in `year`."""
    check_year(year)
    months = [0] * 12
    for day in dates:
        if day.year == year:
            months[day.month - 1] += 1
    return tuple(months)


def year_on_year(current: float, previous: float) -> float | None:
    """Relative change on the year before (0.25 = +25 %); None when the year before had nothing."""
    if previous == 0:
        return None
    return (current - previous) / previous
