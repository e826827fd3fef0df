from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import Workbook

from techbridge_core.market.import_rows import Choices, Issue, check_listing_rows, check_organisation_rows
from techbridge_core.market.spreadsheet import (
    MAX_FILE_BYTES,
    Problem,
    SpreadsheetError,
    decode_text,
    escape_cell,
    read_table,
    split_list,
)

CHOICES = Choices(
    kinds={"offer", "demand"},
    countries={"HU", "CN"},
    visibilities={"public", "alliance"},
    owners={"7": 7, "acme": 8},
)


def xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("text", ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_escape_cell_prefixes_formula_starts(text: str) -> None:
    assert escape_cell(text) == "'" + text


def test_escape_cell_leaves_plain_values() -> None:
    assert escape_cell("Battery") == "Battery"
    assert escape_cell(-3) == -3


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_encodings_are_detected(encoding: str) -> None:
    data = "external_ref,name_en\nr1,电池 ő\n".encode(encoding)
    table = read_table(data, filename="x.csv")
    assert table.rows[0].values == {"external_ref": "r1", "name_en": "电池 ő"}


def test_gb18030_only_bytes_decode() -> None:
    assert decode_text("低温锂电池".encode("gb18030")) == "低温锂电池"


def test_too_large_file_is_refused() -> None:
    with pytest.raises(SpreadsheetError) as error:
        read_table(b"a" * (MAX_FILE_BYTES + 1), filename="x.csv")
    assert error.value.problem is Problem.TOO_LARGE


def test_unknown_format_is_refused() -> None:
    with pytest.raises(SpreadsheetError) as error:
        read_table(b"x", filename="x.ods")
    assert error.value.problem is Problem.UNKNOWN_FORMAT


def test_xlsx_formula_cells_are_marked_per_row() -> None:
    table = read_table(
        xlsx([["external_ref", "name_en"], ["r1", '=HYPERLINK("x")'], ["r2", "ok"]]), filename="f.xlsx"
    )
    assert table.rows[0].problems == (("name_en", Problem.FORMULA),)
    assert table.rows[1].problems == ()


def test_xlsx_zip_bomb_is_refused_before_parsing() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/big.xml", b"0" * (210 * 1024 * 1024))
    with pytest.raises(SpreadsheetError) as error:
        read_table(buffer.getvalue(), filename="bomb.xlsx")
    assert error.value.problem is Problem.ZIP_BOMB


def test_broken_xlsx_is_unreadable() -> None:
    with pytest.raises(SpreadsheetError) as error:
        read_table(b"not a zip", filename="x.xlsx")
    assert error.value.problem is Problem.UNREADABLE


def test_split_list_accepts_chinese_separators() -> None:
    assert split_list("电池，储能; battery、x") == ["电池", "储能", "battery", "x"]


def test_listing_rows_report_every_error() -> None:
    table = read_table(
        b"external_ref,owner,kind,title_en,summary_en,trl\n"
        b"a,7,offer,T,S,4\n"
        b"a,9,barter,,S,12\n"
        b",acme,offer,T,S,x\n",
        filename="l.csv",
    )
    checked, errors = check_listing_rows(list(table.rows), choices=CHOICES)
    found = {(error.row, error.column, error.issue) for error in errors}
    assert found == {
        (3, "external_ref", Issue.DUPLICATE_REF),
        (3, "owner", Issue.UNKNOWN_CHOICE),
        (3, "kind", Issue.UNKNOWN_CHOICE),
        (3, "title_en", Issue.REQUIRED),
        (3, "trl", Issue.OUT_OF_RANGE),
        (4, "external_ref", Issue.REQUIRED),
        (4, "trl", Issue.NOT_A_NUMBER),
    }
    assert checked[0].data["owner_organisation_id"] == 7


def test_organisation_rows_check_country_and_kind() -> None:
    table = read_table(
        b"external_ref,name_zh,kind,country\no1,\xe5\xa4\xa7\xe5\xad\xa6,offer,cn\no2,U,x,XX\n",
        filename="o.csv",
    )
    checked, errors = check_organisation_rows(list(table.rows), choices=CHOICES)
    assert checked[0].data["name"] == {"zh-hans": "大学"}
    assert checked[0].data["country"] == "CN"
    assert {(error.row, error.column) for error in errors} == {(3, "kind"), (3, "country")}
