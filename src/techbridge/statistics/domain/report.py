"""The annual report of cooperation results: one content, written as PDF (fonts embedded, Latin and
CJK) or DOCX. Its numbers are the dashboard's tables for the same scope and year, with small groups
hidden as on an official's dashboard, so the report and the dashboard always agree."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _
from fpdf.fonts import FontFace

from techbridge.common.multilingual import localize
from techbridge.common.pdf import new_pdf, write_block
from techbridge.cooperation.models import CooperationCase
from techbridge.statistics.domain.charts import bar_chart_png
from techbridge.statistics.domain.dashboard import Dashboard, build_dashboard, centre_label
from techbridge.statistics.domain.scope import Scope
from techbridge.statistics.domain.sources import SOURCES, scoped
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

FORMATS = ("pdf", "docx")
LANGUAGES = ("en", "zh-hans", "hu")
Progress = Callable[[int], None]
# The embedded fonts have no bold face: headings are shaded instead.
HEADINGS = FontFace(emphasis="", fill_color=(225, 232, 240))


@dataclass(frozen=True, kw_only=True)
class Section:
    title: str
    intro: str
    tables: tuple[Table, ...]
    bars: tuple[tuple[str, float], ...] = ()  # a bar chart drawn before the tables


@dataclass(frozen=True, kw_only=True)
class ReportContent:
    title: str
    subtitle: str
    sections: tuple[Section, ...]


def _events_table(scope: Scope) -> Table:
    events = scoped(SOURCES["events_held"], scope).order_by("starts_on", "pk")
    return Table(
        code="events_list",
        title=_("Events of the year"),
        headers=(_("Event"), _("First day"), _("Last day")),
        rows=tuple(
            (str(localize(event.title)), event.starts_on.isoformat(), event.ends_on.isoformat())
            for event in events
        ),
    )


def _highlighted_cases(scope: Scope) -> Table:
    """Cases brokers chose for the report whose parties agreed, with activity in the year."""
    cases = CooperationCase.objects.filter(
        highlight_in_report=True, report_consent=True, created_at__year__lte=scope.year
    ).order_by("created_at", "pk")
    if scope.centre:
        cases = cases.filter(centre=scope.centre)
    return Table(
        code="highlights",
        title=_("Highlighted cooperation cases"),
        headers=(_("Case"), _("Centre"), _("Countries"), _("Stage")),
        rows=tuple(
            (
                str(localize(case.title)),
                str(localize(case.centre.name)),
                ", ".join(case.countries),
                case.get_stage_display(),
            )
            for case in cases.select_related("centre")[:30]
        ),
    )


def build_content(board: Dashboard) -> ReportContent:
    scope = board.scope
    funnel = funnel_table(board)
    return ReportContent(
        title=_("Annual report of cooperation results"),
        subtitle=f"{centre_label(scope.centre)} · {scope.year}",
        sections=(
            Section(
                title=_("Summary"),
                intro=_("The year's figures beside the year before."),
                tables=(indicator_table(board),),
            ),
            Section(
                title=_("The cooperation funnel"),
                intro=_("From the listing published to the project implemented, with conversions."),
                tables=(funnel,),
                bars=tuple((str(row[0]), float(row[1] or 0)) for row in funnel.rows),
            ),
            Section(
                title=_("Partners by country and field"),
                intro=_("Cooperation cases opened; groups below the minimum size are not shown."),
                tables=(countries_table(board), fields_table(board)),
            ),
            Section(
                title=_("Events of the year"),
                intro="",
                tables=(indicator_table(board, group=IndicatorGroup.EVENTS), _events_table(scope)),
            ),
            Section(
                title=_("Highlighted cooperation cases"),
                intro=_("Chosen by the centres' brokers, shown with the parties' consent."),
                tables=(_highlighted_cases(scope),),
            ),
            Section(
                title=_("Instruments and experts"),
                intro="",
                tables=(
                    indicator_table(board, group=IndicatorGroup.INSTRUMENTS),
                    indicator_table(board, group=IndicatorGroup.EXPERTS),
                ),
            ),
            Section(title=_("Methods"), intro=_("How each indicator is counted."), tables=(methods_table(),)),
        ),
    )


def cell_text(value: Cell) -> str:
    """Numbers as plain digits (the dashboard's values), missing ones as a dash."""
    if value is None:
        return "–"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _pdf_bars(pdf: object, bars: tuple[tuple[str, float], ...]) -> None:
    largest = max((value for _label, value in bars), default=0) or 1
    width = 100.0
    for label, value in bars:
        y = pdf.get_y()  # type: ignore[attr-defined]
        pdf.set_font_size(8)  # type: ignore[attr-defined]
        pdf.cell(60, 6, label[:40])  # type: ignore[attr-defined]
        pdf.set_fill_color(37, 99, 160)  # type: ignore[attr-defined]
        pdf.rect(pdf.l_margin + 60, y + 1, max(width * value / largest, 0.5), 4, style="F")  # type: ignore[attr-defined]
        pdf.set_xy(pdf.l_margin + 62 + width * value / largest, y)  # type: ignore[attr-defined]
        pdf.cell(20, 6, cell_text(value), new_x="LMARGIN", new_y="NEXT")  # type: ignore[attr-defined]
    pdf.ln(3)  # type: ignore[attr-defined]


def _pdf_table(pdf: object, table: Table) -> None:
    write_block(pdf, 11, table.title)  # type: ignore[arg-type]
    if not table.rows:
        write_block(pdf, 9, _("None."))  # type: ignore[arg-type]
        pdf.ln(4)  # type: ignore[attr-defined]
        return
    pdf.set_font_size(8)  # type: ignore[attr-defined]
    with pdf.table(line_height=5, headings_style=HEADINGS) as grid:  # type: ignore[attr-defined]
        for row in (table.headers, *table.rows):
            line = grid.row()
            for value in row:
                line.cell(cell_text(value))
    pdf.ln(4)  # type: ignore[attr-defined]


def render_pdf(content: ReportContent, progress: Progress) -> bytes:
    pdf = new_pdf()
    pdf.set_title(content.title)
    pdf.add_page()
    pdf.ln(60)
    write_block(pdf, 22, content.title, height=10, align="C")
    write_block(pdf, 14, content.subtitle, height=8, align="C")
    for number, section in enumerate(content.sections, start=1):
        pdf.add_page()
        write_block(pdf, 15, section.title, height=8)
        if section.intro:
            write_block(pdf, 9, section.intro)
        pdf.ln(2)
        if section.bars:
            _pdf_bars(pdf, section.bars)
        for table in section.tables:
            _pdf_table(pdf, table)
        progress(10 + 80 * number // len(content.sections))
    return bytes(pdf.output())


def render_docx(content: ReportContent, progress: Progress) -> bytes:
    from docx import Document
    from docx.shared import Cm

    document = Document()
    document.add_heading(content.title, level=0)
    document.add_paragraph(content.subtitle)
    for number, section in enumerate(content.sections, start=1):
        document.add_heading(section.title, level=1)
        if section.intro:
            document.add_paragraph(section.intro)
        if section.bars:  # the chart as a picture, its numbers in the table below it
            document.add_picture(io.BytesIO(bar_chart_png(section.bars)), width=Cm(16))
        for table in section.tables:
            document.add_heading(table.title, level=2)
            grid = document.add_table(rows=1, cols=len(table.headers))
            grid.style = "Table Grid"
            for cell, heading in zip(grid.rows[0].cells, table.headers, strict=True):
                cell.text = heading
            for row in table.rows:
                for cell, value in zip(grid.add_row().cells, row, strict=True):
                    cell.text = cell_text(value)
        progress(10 + 80 * number // len(content.sections))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def write_report(scope: Scope, *, language: str, file_format: str, progress: Progress | None = None) -> bytes:
    """The report of the scope's year in `language` as `file_format` (pdf or docx)."""
    report_progress = progress or (lambda percent: None)
    with translation.override(language):
        board = build_dashboard(scope, suppress_small=True)
        report_progress(10)
        content = build_content(board)
        if file_format == "docx":
            return render_docx(content, report_progress)
        return render_pdf(content, report_progress)


def report_filename(scope: Scope, *, language: str, file_format: str) -> str:
    where = scope.centre.slug if scope.centre else "alliance"
    return f"annual-report-{scope.year}-{where}-{language}.{file_format}"
