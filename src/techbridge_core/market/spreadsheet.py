"""Reading and writing spreadsheets safely, in pure Python (no Django).

- `read_table(data, filename=...)` turns a CSV (UTF-8, UTF-8 with BOM or GB18030, detected) or
  an XLSX file into a header row and data rows of strings, after size checks: the raw size,
  and for XLSX the zip entries' count and uncompressed size before openpyxl opens anything.
  Formula cells in an XLSX are refused per row (never evaluated, never imported), and so are
  cells holding a character no text may keep (a NUL, a control character).
- `escape_cell(value)` protects exported text against formula injection (a leading = + - @
  tab or CR gets a ').
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from techbridge_core.text.unsafe import first_unsafe_character

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 50_000
MAX_XLSX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_XLSX_ENTRIES = 1_000
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
ENCODINGS = ("utf-8-sig", "gb18030")


class Problem(StrEnum):
    """What can be wrong with a file or a row; the Django side words it in the user's language."""

    TOO_LARGE = "too_large"
    TOO_MANY_ROWS = "too_many_rows"
    UNKNOWN_FORMAT = "unknown_format"
    UNREADABLE = "unreadable"
    BAD_ENCODING = "bad_encoding"
    ZIP_BOMB = "zip_bomb"
    EMPTY = "empty"
    FORMULA = "formula"
    UNSAFE_CHARACTER = "unsafe_character"


class SpreadsheetError(Exception):
    def __init__(self, problem: Problem, *, limit: int = 0) -> None:
        super().__init__(problem.value)
        self.problem = problem
        self.limit = limit


@dataclass(frozen=True, kw_only=True)
class Row:
    number: int  # as the user sees it in the spreadsheet (header is row 1)
    values: dict[str, str]
    problems: tuple[tuple[str, Problem], ...] = ()  # (column, problem) found while reading


@dataclass(frozen=True, kw_only=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[Row, ...] = field(default_factory=tuple)


def escape_cell(value: object) -> object:
    """A text that a spreadsheet would run as a formula gets a leading apostrophe; others pass."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM) first; GB18030 (a superset of GBK/GB2312) otherwise."""
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SpreadsheetError(Problem.BAD_ENCODING)


def _normalise_header(value: object) -> str:
    return str(value if value is not None else "").strip().lower()


def _table(
    header: Sequence[object], body: Iterable[tuple[int, Sequence[object], dict[str, Problem]]]
) -> Table:
    headers = tuple(_normalise_header(value) for value in header)
    if not any(headers):
        raise SpreadsheetError(Problem.EMPTY)
    rows: list[Row] = []
    for number, cells, problems in body:
        values = {
            name: str(cells[index]).strip() if index < len(cells) and cells[index] is not None else ""
            for index, name in enumerate(headers)
            if name
        }
        found = {**problems, **_unsafe_cells(values)}
        if not any(values.values()) and not found:
            continue
        if len(rows) >= MAX_ROWS:
            raise SpreadsheetError(Problem.TOO_MANY_ROWS, limit=MAX_ROWS)
        rows.append(Row(number=number, values=values, problems=tuple(found.items())))
    return Table(headers=headers, rows=tuple(rows))


def _unsafe_cells(values: dict[str, str]) -> dict[str, Problem]:
    """Cells holding a character no text may keep (a NUL, say): reported per row, value dropped."""
    unsafe = {
        name: Problem.UNSAFE_CHARACTER for name, value in values.items() if first_unsafe_character(value)
    }
    for name in unsafe:
        values[name] = ""
    return unsafe


def read_csv(data: bytes) -> Table:
    text = decode_text(data)
    try:
        records = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise SpreadsheetError(Problem.UNREADABLE) from error
    if not records:
        raise SpreadsheetError(Problem.EMPTY)
    return _table(records[0], ((index + 2, record, {}) for index, record in enumerate(records[1:])))


def check_xlsx_archive(data: bytes) -> None:
    """Refuse zip bombs before openpyxl inflates anything."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as error:
        raise SpreadsheetError(Problem.UNREADABLE) from error
    if len(entries) > MAX_XLSX_ENTRIES:
        raise SpreadsheetError(Problem.ZIP_BOMB)
    if sum(entry.file_size for entry in entries) > MAX_XLSX_UNCOMPRESSED_BYTES:
        raise SpreadsheetError(Problem.ZIP_BOMB)


def read_xlsx(data: bytes) -> Table:
    check_xlsx_archive(data)
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise SpreadsheetError(Problem.UNREADABLE) from error
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows()
        header_cells = next(rows, None)
        if header_cells is None:
            raise SpreadsheetError(Problem.EMPTY)
        header = [cell.value for cell in header_cells]
        names = [_normalise_header(value) for value in header]

        def body() -> Iterable[tuple[int, list[object], dict[str, Problem]]]:
            for index, cells in enumerate(rows):
                values: list[object] = []
                problems: dict[str, Problem] = {}
                for position, cell in enumerate(cells):
                    if getattr(cell, "data_type", None) == "f":
                        problems[names[position] if position < len(names) else str(position + 1)] = (
                            Problem.FORMULA
                        )
                        values.append("")
                        continue
                    values.append(cell.value)
                yield index + 2, values, problems

        return _table(header, body())
    finally:
        workbook.close()


def read_table(data: bytes, *, filename: str) -> Table:
    if len(data) > MAX_FILE_BYTES:
        raise SpreadsheetError(Problem.TOO_LARGE, limit=MAX_FILE_BYTES)
    name = filename.lower()
    if name.endswith(".csv"):
        return read_csv(data)
    if name.endswith(".xlsx"):
        return read_xlsx(data)
    raise SpreadsheetError(Problem.UNKNOWN_FORMAT)


def split_list(value: str) -> list[str]:
    """Cells holding several values: separated by ; , or the Chinese comma/semicolon."""
    for separator in ("；", "，", "、", ";"):
        value = value.replace(separator, ",")
    return [part.strip() for part in value.split(",") if part.strip()]
