"""The dashboard's tables as plain rows: what the exports, the official workbook and the annual
report print, so each shows the dashboard's numbers for the same scope."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext as _

from techbridge.statistics.domain.dashboard import Dashboard, GroupRow, IndicatorRow, month_names
from techbridge_core.analytics import INDICATORS, IndicatorGroup, Suppressed

Cell = str | int | float | Decimal | None


@dataclass(frozen=True, kw_only=True)
class Table:
    code: str
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


TABLES = ("funnel", "indicators", "months", "countries", "fields")


def percent(share: float | None) -> Cell:
    return None if share is None else round(share * 100, 1)


def group_value(value: int | Suppressed) -> Cell:
    return f"< {value.minimum}" if isinstance(value, Suppressed) else value


def figure_value(row: IndicatorRow) -> Cell:
    return row.figure.value if row.figure.applicable else None


def funnel_table(board: Dashboard) -> Table:
    return Table(
        code="funnel",
        title=_("The cooperation funnel"),
        headers=(_("Step"), _("Count"), _("From the step before (%)"), _("Median days from the step before")),
        rows=tuple(
            (board.funnel_names[stage.code], stage.count, percent(stage.conversion), stage.median_days)
            for stage in board.funnel
        ),
    )


def indicator_table(board: Dashboard, *, group: IndicatorGroup | None = None) -> Table:
    rows = [row for row in board.indicators if group is None or row.indicator.group == group]
    return Table(
        code="indicators" if group is None else str(group),
        title=_("Indicators"),
        headers=(_("Indicator"), str(board.scope.year), _("Year before"), _("Change (%)")),
        rows=tuple(
            (
                row.name,
                figure_value(row),
                row.previous.value if row.previous.applicable else None,
                percent(row.change),
            )
            for row in rows
        ),
    )


def months_table(board: Dashboard) -> Table:
    names = {item.code: item.name.in_language(translation.get_language() or "en") for item in INDICATORS}
    codes = list(board.months)
    return Table(
        code="months",
        title=_("By month, beside the year before"),
        headers=(_("Month"), *(names[code] for code in codes)),
        rows=tuple(
            (month, *(board.months[code][index] for code in codes))
            for index, month in enumerate(month_names())
        ),
    )


def _groups_table(code: str, title: str, heading: str, groups: tuple[GroupRow, ...]) -> Table:
    return Table(
        code=code,
        title=title,
        headers=(heading, _("Cases")),
        rows=tuple((row.label, group_value(row.value)) for row in groups),
    )


def countries_table(board: Dashboard) -> Table:
    return _groups_table("countries", _("Partner countries"), _("Country"), board.countries)


def fields_table(board: Dashboard) -> Table:
    return _groups_table("fields", _("Technology fields"), _("Technology field"), board.fields)


def dashboard_table(board: Dashboard, code: str) -> Table:
    """One of TABLES; KeyError for any other code."""
    builders = {
        "funnel": funnel_table,
        "indicators": indicator_table,
        "months": months_table,
        "countries": countries_table,
        "fields": fields_table,
    }
    return builders[code](board)


def methods_table() -> Table:
    """How each indicator is counted, in the reader's language."""
    language = translation.get_language() or "en"
    return Table(
        code="methods",
        title=_("Methods"),
        headers=(_("Indicator"), _("Unit"), _("What is counted"), _("Dated by")),
        rows=tuple(
            (
                item.name.in_language(language),
                str(item.unit),
                item.counts.in_language(language),
                item.dated_by.in_language(language),
            )
            for item in INDICATORS
        ),
    )
