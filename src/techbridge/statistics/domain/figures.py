"""The numbers: each indicator's figure for a scope, its months, its breakdowns and the funnel.

Every page, export, API answer and the annual report takes its numbers from here, so the same
scope gives the same number everywhere. Figures are cached for a minute per scope (a change
reaches every dashboard within that minute); they are always counted exactly, never estimated.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMonth

from techbridge.statistics.domain.scope import Scope
from techbridge.statistics.domain.sources import SOURCES, scoped
from techbridge_core.analytics import (
    FUNNEL,
    INDICATORS,
    FunnelStage,
    funnel_stages,
    median_days,
)

CACHE_SECONDS = 60
CACHE_VERSION = "statistics-1"

# Figures that count something other than rows: distinct values of a column.
DISTINCT_COLUMN = {"participant_countries": "country", "instruments_shared": "instrument_id"}


@dataclass(frozen=True, kw_only=True)
class Figure:
    code: str
    applicable: bool  # False when a filter of the scope does not apply to this indicator
    value: int | Decimal = 0
    per_currency: dict[str, Decimal] = field(default_factory=dict)  # amounts only
    confidential_left_out: int = 0  # amounts only: rows whose amount is confidential


def _hours(rows: QuerySet[Any]) -> Decimal:
    seconds = sum((end - start).total_seconds() for start, end in rows.values_list("start", "end"))
    return Decimal(seconds / 3600).quantize(Decimal("0.1"))


def _amounts(rows: QuerySet[Any]) -> tuple[dict[str, Decimal], int]:
    totals: dict[str, Decimal] = defaultdict(Decimal)
    confidential = 0
    for amount, currency, is_confidential in rows.values_list(
        "total_amount", "currency", "amounts_confidential"
    ):
        if is_confidential:
            confidential += 1
        elif amount is not None:
            totals[currency or "?"] += amount
    return dict(sorted(totals.items())), confidential


def count_figure(code: str, scope: Scope, *, year: int | None = None) -> Figure:
    source = SOURCES[code]
    if not source.applies_to(scope):
        return Figure(code=code, applicable=False)
    rows = scoped(source, scope, year=year)
    if code == "external_hours_booked":
        return Figure(code=code, applicable=True, value=_hours(rows))
    if code == "technology_contract_value":
        per_currency, confidential = _amounts(rows)
        return Figure(
            code=code,
            applicable=True,
            value=sum(per_currency.values(), Decimal(0)),
            per_currency=per_currency,
            confidential_left_out=confidential,
        )
    if code in DISTINCT_COLUMN:
        column = DISTINCT_COLUMN[code]
        return Figure(code=code, applicable=True, value=rows.values(column).distinct().count())
    return Figure(code=code, applicable=True, value=rows.values("pk").distinct().count())


def figures(scope: Scope) -> dict[str, Figure]:
    """Every indicator's figure for the scope (cached for a minute)."""
    key = f"{CACHE_VERSION}:figures:{scope.key()}"
    cached: dict[str, Figure] | None = cache.get(key)
    if cached is None:
        cached = {item.code: count_figure(item.code, scope) for item in INDICATORS}
        cache.set(key, cached, CACHE_SECONDS)
    return cached


def monthly(code: str, scope: Scope) -> tuple[int, ...]:
    """Twelve counts of the indicator's rows by month of its date (count indicators)."""
    source = SOURCES[code]
    if not source.applies_to(scope):
        return (0,) * 12
    rows = scoped(source, scope).order_by()
    per_month = (
        rows.annotate(month=TruncMonth(source.date_path))
        .values("month")
        .annotate(n=Count("pk", distinct=True))
    )
    months = [0] * 12
    for row in per_month:
        month = row["month"]
        if isinstance(month, (date, datetime)):
            months[month.month - 1] += row["n"]
    return tuple(months)


BREAKDOWNS = {"country": "country_path", "field": "field_path", "centre": "centre_path"}


def breakdown(code: str, scope: Scope, *, by: str) -> dict[Any, int]:
    """The indicator's row count per country, technology field or centre (ids), largest first."""
    source = SOURCES[code]
    path = getattr(source, BREAKDOWNS[by])
    if path is None or not source.applies_to(scope):
        return {}
    rows = scoped(source, scope).order_by()
    counted = rows.exclude(**{f"{path}__isnull": True}).values(path).annotate(n=Count("pk", distinct=True))
    groups = {row[path]: row["n"] for row in counted if row[path] not in ("", None)}
    return dict(sorted(groups.items(), key=lambda item: (-item[1], str(item[0]))))


# For each funnel step after the first, the date of the step before it, reached from the step's rows.
_PREVIOUS_DATE = {
    "eois": ("created_at", "listing__published_at"),
    "meetings_held": ("starts_at", "interest__created_at"),
    "cases_opened": ("created_at", "interest__created_at"),
    "agreements_signed": ("signed_on", "case__created_at"),
    "projects_signed": ("signed_on", "agreement__signed_on"),
    "implemented": ("implemented_on", "signed_on"),
}


def _as_date(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def _median_days(code: str, scope: Scope) -> float | None:
    if code not in _PREVIOUS_DATE or not SOURCES[code].applies_to(scope):
        return None
    later_path, earlier_path = _PREVIOUS_DATE[code]
    rows = scoped(SOURCES[code], scope).exclude(**{f"{earlier_path}__isnull": True})
    pairs = (
        (_as_date(earlier), _as_date(later)) for later, earlier in rows.values_list(later_path, earlier_path)
    )
    return median_days(pairs)


def funnel(scope: Scope) -> tuple[FunnelStage, ...]:
    """The cooperation funnel for the scope, with conversions and median days between steps."""
    key = f"{CACHE_VERSION}:funnel:{scope.key()}"
    cached: tuple[FunnelStage, ...] | None = cache.get(key)
    if cached is None:
        counts = figures(scope)
        cached = funnel_stages(
            FUNNEL,
            {code: int(counts[code].value) for code in FUNNEL},
            durations={code: _median_days(code, scope) for code in FUNNEL},
        )
        cache.set(key, cached, CACHE_SECONDS)
    return cached
