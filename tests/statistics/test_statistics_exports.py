"""Exports: every dashboard table as CSV (UTF-8 or GB18030) and XLSX, and the official workbook, read
back; numbers equal the dashboard's, text cells escaped against formulas, small groups hidden."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.core.cache import cache
from openpyxl import load_workbook
from stats_world import client_of, make_official, signed_project

from cooperation.coop_world import build_coop
from techbridge.statistics.domain.figures import funnel
from techbridge.statistics.domain.scope import Scope
from techbridge.statistics.domain.tables import TABLES
from techbridge_core.analytics import indicator

pytestmark = pytest.mark.django_db
YEAR = {"year": "2026"}


@pytest.fixture(autouse=True)
def _fresh_figures() -> None:
    cache.clear()


def _csv_rows(content: bytes, encoding: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode(encoding))))


def test_every_dashboard_table_downloads_as_csv_and_xlsx_with_the_dashboards_numbers() -> None:
    coop = build_coop()
    signed_project(coop, signed=date(2026, 2, 1), implemented=date(2026, 6, 1))
    client = client_of(coop.admin)
    expected = {stage.code: stage.count for stage in funnel(Scope(year=2026))}
    for code in TABLES:
        as_csv = client.get(f"/statistics/export/{code}/", {**YEAR, "format": "csv"})
        assert as_csv.status_code == 200, code
        rows = _csv_rows(as_csv.content, "utf-8-sig")
        assert rows[0], code
        as_xlsx = client.get(f"/statistics/export/{code}/", {**YEAR, "format": "xlsx"})
        assert as_xlsx.status_code == 200, code
        sheet = load_workbook(io.BytesIO(as_xlsx.content)).active
        assert sheet.max_row == len(rows)
    funnel_rows = _csv_rows(client.get("/statistics/export/funnel/", YEAR).content, "utf-8-sig")[1:]
    assert [int(row[1]) for row in funnel_rows] == list(expected.values())
    assert expected["implemented"] == 1


def test_gb18030_csv_reads_back_in_chinese() -> None:
    coop = build_coop()
    signed_project(coop, signed=date(2026, 2, 1), implemented=None)
    response = client_of(coop.broker).get(
        "/statistics/export/funnel/", {**YEAR, "encoding": "gb18030"}, HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert response.status_code == 200
    assert "gb18030" in response["Content-Type"]
    with pytest.raises(UnicodeDecodeError):
        response.content.decode("utf-8")
    rows = _csv_rows(response.content, "gb18030")
    assert any("\u4e00" <= char <= "\u9fff" for char in rows[0][0])


def test_text_cells_are_escaped_against_formulas() -> None:
    coop = build_coop()
    coop.centre.name = {"en": '=HYPERLINK("http://evil")'}
    coop.centre.save()
    response = client_of(coop.admin).get("/statistics/official/", {**YEAR, "centre": coop.centre.slug})
    workbook = load_workbook(io.BytesIO(response.content))
    texts = [
        cell.value
        for sheet in workbook
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    ]
    assert '\'=HYPERLINK("http://evil")' in texts
    assert not any(text.startswith("=") for text in texts)


def test_official_workbook_has_one_sheet_per_group_and_methods_in_the_readers_language() -> None:
    coop = build_coop()
    signed_project(coop, signed=date(2026, 2, 1), implemented=date(2026, 6, 1))
    response = client_of(make_official(coop)).get("/statistics/official/", YEAR, HTTP_ACCEPT_LANGUAGE="hu")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert len(workbook.sheetnames) == 5
    methods = workbook.worksheets[-1]
    definitions = [row for row in methods.iter_rows(values_only=True) if row and row[0]]
    assert len(definitions) > 10
    funnel_sheet = workbook.worksheets[0]
    values = list(funnel_sheet.iter_rows(values_only=True))
    implemented = funnel(Scope(year=2026))[-1]
    assert implemented.count == 1
    name = indicator("implemented").name.hu
    assert [row[1] for row in values if row and row[0] == name] == [1, 1]  # indicator table and funnel table


def test_exports_refuse_who_reads_no_dashboards_and_impossible_filters() -> None:
    coop = build_coop()
    assert client_of(coop.owner).get("/statistics/export/funnel/", YEAR).status_code == 404
    assert client_of(coop.owner).get("/statistics/official/", YEAR).status_code == 404
    assert client_of(None).get("/statistics/official/", YEAR).status_code == 302
    broker = client_of(coop.broker)
    assert broker.get("/statistics/export/funnel/", {"year": "1"}).status_code == 400
    assert broker.get("/statistics/export/nothing/", YEAR).status_code == 404
    assert broker.get("/statistics/export/funnel/", {**YEAR, "encoding": "latin-9"}).status_code == 404
