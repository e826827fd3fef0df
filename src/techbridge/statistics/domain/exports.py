"""Dashboard tables as CSV (UTF-8 with BOM, or GB18030 for Chinese spreadsheets) and XLSX, and the
"official statistics" workbook of a year and scope. Every text cell is escaped against formula
injection with the market export's helper."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.utils.translation import gettext as _

from techbridge.statistics.domain.dashboard import Dashboard, centre_label
from techbridge.statistics.domain.tables import (
    Cell,
    Table,
    countries_table,
    fields_table,
    funnel_table,
    indicator_table,
    methods_table,
)
from techbridge_core.analytics import IndicatorGroup
from techbridge_core.market.spreadsheet import escape_cell

CSV_ENCODINGS = {"utf-8": "utf-8-sig", "gb18030": "gb18030"}  # utf-8-sig: the BOM makes Excel read UTF-8


def _cells(row: Iterable[Cell]) -> list[object]:
    return [escape_cell("" if value is None else value) for value in row]


def table_csv(table: Table, *, encoding: str = "utf-8") -> bytes:
    """The table as CSV; `encoding` is "utf-8" or "gb18030" (KeyError for another)."""
    codec = CSV_ENCODINGS[encoding]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(_cells(table.headers))
    writer.writerows(_cells(row) for row in table.rows)
    return buffer.getvalue().encode(codec, errors="replace")


def _sheet_name(title: str) -> str:
    cleaned = "".join("_" if char in "[]:*?/\\" else char for char in title)
    return cleaned[:31] or "-"


def _append_table(sheet: object, table: Table, *, with_title: bool) -> None:
    if with_title:
        sheet.append(_cells([table.title]))  # type: ignore[attr-defined]
    sheet.append(_cells(table.headers))  # type: ignore[attr-defined]
    for row in table.rows:
        sheet.append(_cells(row))  # type: ignore[attr-defined]
    sheet.append([])  # type: ignore[attr-defined]


def _save(workbook: object) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)  # type: ignore[attr-defined]
    return buffer.getvalue()


def table_xlsx(table: Table) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    _append_table(workbook.create_sheet(_sheet_name(table.title)), table, with_title=False)
    return _save(workbook)


def group_title(group: IndicatorGroup) -> str:
    titles = {
        IndicatorGroup.FUNNEL: _("Cooperation funnel"),
        IndicatorGroup.EVENTS: _("Events"),
        IndicatorGroup.INSTRUMENTS: _("Instruments"),
        IndicatorGroup.EXPERTS: _("Experts"),
    }
    return titles[group]


def official_workbook(board: Dashboard) -> bytes:
    """One sheet per indicator group (the funnel sheet adds the funnel, countries and fields), and a
    methods sheet with the definitions in the reader's language."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    heading = [_("Official statistics"), centre_label(board.scope.centre), str(board.scope.year)]
    for group in IndicatorGroup:
        sheet = workbook.create_sheet(_sheet_name(group_title(group)))
        sheet.append(_cells(heading))
        _append_table(sheet, indicator_table(board, group=group), with_title=True)
        if group == IndicatorGroup.FUNNEL:
            for table in (funnel_table(board), countries_table(board), fields_table(board)):
                _append_table(sheet, table, with_title=True)
    _append_table(workbook.create_sheet(_sheet_name(_("Methods"))), methods_table(), with_title=False)
    return _save(workbook)
