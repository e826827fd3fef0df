"""What a dashboard shows for a scope, assembled once for the page, the exports and the report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext as _

from techbridge.common.countries import country_name
from techbridge.common.multilingual import localize
from techbridge.directory.models import Centre, TechnologyField
from techbridge.statistics.domain.aggregates import reading
from techbridge.statistics.domain.figures import Figure, breakdown, figures, funnel, monthly
from techbridge.statistics.domain.scope import Scope
from techbridge_core.analytics import (
    FUNNEL,
    INDICATORS,
    FunnelStage,
    Indicator,
    Suppressed,
    suppress_small_groups,
    year_on_year,
)

TREND_INDICATORS = ("listings_published", "eois", "cases_opened", "agreements_signed", "implemented")


def min_group_size() -> int:
    return int(getattr(settings, "TECHBRIDGE_STATISTICS_MIN_GROUP", 3))


def indicator_name(item: Indicator) -> str:
    return item.name.in_language(translation.get_language() or "en")


@dataclass(frozen=True, kw_only=True)
class IndicatorRow:
    indicator: Indicator
    name: str
    figure: Figure
    previous: Figure
    change: float | None


@dataclass(frozen=True, kw_only=True)
class GroupRow:
    key: Any
    label: str
    value: int | Suppressed


@dataclass(frozen=True, kw_only=True)
class Dashboard:
    scope: Scope
    indicators: tuple[IndicatorRow, ...]
    funnel: tuple[FunnelStage, ...]
    funnel_names: dict[str, str]
    months: dict[str, tuple[int, ...]]
    previous_months: dict[str, tuple[int, ...]]
    countries: tuple[GroupRow, ...]
    fields: tuple[GroupRow, ...]
    breakdown_indicator: str


def _groups(counts: dict[Any, int], labels: dict[Any, str], *, suppress: bool) -> tuple[GroupRow, ...]:
    shown: dict[Any, int | Suppressed] = (
        dict(suppress_small_groups(counts, minimum=min_group_size())) if suppress else dict(counts)
    )
    return tuple(
        GroupRow(key=key, label=labels.get(key, str(key)), value=value) for key, value in shown.items()
    )


def build_dashboard(scope: Scope, *, suppress_small: bool, breakdown_of: str = "cases_opened") -> Dashboard:
    with reading():  # every figure below from the aggregates as they are now
        return _build(scope, suppress_small=suppress_small, breakdown_of=breakdown_of)


def _build(scope: Scope, *, suppress_small: bool, breakdown_of: str) -> Dashboard:
    current, before = figures(scope), figures(scope.previous_year())
    rows = tuple(
        IndicatorRow(
            indicator=item,
            name=indicator_name(item),
            figure=current[item.code],
            previous=before[item.code],
            change=year_on_year(float(current[item.code].value), float(before[item.code].value)),
        )
        for item in INDICATORS
    )
    by_country = breakdown(breakdown_of, scope, by="country")
    by_field = breakdown(breakdown_of, scope, by="field")
    field_labels = {field.pk: str(field) for field in TechnologyField.objects.filter(pk__in=by_field)}
    return Dashboard(
        scope=scope,
        indicators=rows,
        funnel=funnel(scope),
        funnel_names={item.code: indicator_name(item) for item in INDICATORS if item.code in FUNNEL},
        months={code: monthly(code, scope) for code in TREND_INDICATORS},
        previous_months={code: monthly(code, scope.previous_year()) for code in TREND_INDICATORS},
        countries=_groups(
            by_country, {code: country_name(code) for code in by_country}, suppress=suppress_small
        ),
        fields=_groups(by_field, field_labels, suppress=suppress_small),
        breakdown_indicator=breakdown_of,
    )


def month_names() -> list[str]:
    return [formats.date_format(date(2026, month, 1), "M") for month in range(1, 13)]


def centre_label(centre: Centre | None) -> str:
    return str(localize(centre.name)) if centre else _("The whole alliance")
