"""Checking imported rows (listings, organisations) in pure Python: one error per bad cell.

The Django side supplies the allowed choices (kinds, countries, owners) and words each `Issue`
in the user's language; nothing here touches a database.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from techbridge_core.market.spreadsheet import Problem, Row, split_list

LANGUAGES = ("en", "zh-hans", "hu")
LANGUAGE_SUFFIXES = {"en": "en", "zh-hans": "zh", "hu": "hu"}
MAX_REF = 100


class Issue(StrEnum):
    REQUIRED = "required"
    UNKNOWN_CHOICE = "unknown_choice"
    TOO_LONG = "too_long"
    NOT_A_NUMBER = "not_a_number"
    OUT_OF_RANGE = "out_of_range"
    DUPLICATE_REF = "duplicate_ref"
    FORMULA = "formula"
    MISSING_COLUMN = "missing_column"
    UNSAFE_CHARACTER = "unsafe_character"


@dataclass(frozen=True, kw_only=True)
class RowError:
    row: int
    column: str
    issue: Issue
    value: str = ""


@dataclass(kw_only=True)
class CheckedRow:
    row: int
    external_ref: str
    data: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class Choices:
    kinds: Collection[str]
    countries: Collection[str]
    visibilities: Collection[str] = ()
    owners: Mapping[str, int] = field(default_factory=dict)  # external key (ref or id) -> pk


LISTING_COLUMNS = ("external_ref", "owner", "kind", "title_en", "summary_en")
ORGANISATION_COLUMNS = ("external_ref", "name_en", "kind", "country")


def missing_columns(headers: Collection[str], required: Collection[str]) -> list[RowError]:
    return [
        RowError(row=1, column=name, issue=Issue.MISSING_COLUMN) for name in required if name not in headers
    ]


def _multilingual(
    values: Mapping[str, str], prefix: str, limit: int, row: Row, errors: list[RowError]
) -> dict[str, str]:
    text: dict[str, str] = {}
    for language, suffix in LANGUAGE_SUFFIXES.items():
        column = f"{prefix}_{suffix}"
        value = values.get(column, "")
        if len(value) > limit:
            errors.append(RowError(row=row.number, column=column, issue=Issue.TOO_LONG, value=value[:40]))
        elif value:
            text[language] = value
    if not text:
        errors.append(RowError(row=row.number, column=f"{prefix}_en", issue=Issue.REQUIRED))
    return text


def _choice(
    values: Mapping[str, str],
    column: str,
    allowed: Collection[str],
    row: Row,
    errors: list[RowError],
    *,
    upper: bool = False,
) -> str:
    value = values.get(column, "")
    value = value.upper() if upper else value.lower()
    if not value:
        errors.append(RowError(row=row.number, column=column, issue=Issue.REQUIRED))
    elif value not in allowed:
        errors.append(RowError(row=row.number, column=column, issue=Issue.UNKNOWN_CHOICE, value=value[:40]))
    return value


def _ref(row: Row, seen: set[str], errors: list[RowError]) -> str:
    ref = row.values.get("external_ref", "")
    if not ref:
        errors.append(RowError(row=row.number, column="external_ref", issue=Issue.REQUIRED))
    elif len(ref) > MAX_REF:
        errors.append(RowError(row=row.number, column="external_ref", issue=Issue.TOO_LONG, value=ref[:40]))
    elif ref in seen:
        errors.append(RowError(row=row.number, column="external_ref", issue=Issue.DUPLICATE_REF, value=ref))
    seen.add(ref)
    return ref


def _read_problems(row: Row, errors: list[RowError]) -> None:
    for column, problem in row.problems:
        if problem is Problem.FORMULA:
            errors.append(RowError(row=row.number, column=column, issue=Issue.FORMULA))
        elif problem is Problem.UNSAFE_CHARACTER:
            errors.append(RowError(row=row.number, column=column, issue=Issue.UNSAFE_CHARACTER))


def _trl(values: Mapping[str, str], row: Row, errors: list[RowError]) -> int | None:
    raw = values.get("trl", "")
    if not raw:
        return None
    try:
        number = int(float(raw))
    except ValueError:
        errors.append(RowError(row=row.number, column="trl", issue=Issue.NOT_A_NUMBER, value=raw[:40]))
        return None
    if not 1 <= number <= 9:
        errors.append(RowError(row=row.number, column="trl", issue=Issue.OUT_OF_RANGE, value=raw[:40]))
    return number


def check_listing_rows(rows: list[Row], *, choices: Choices) -> tuple[list[CheckedRow], list[RowError]]:
    """Every row checked; all errors reported (the caller commits nothing if there is one)."""
    return _check_rows(rows, lambda row, errors: _listing_data(row, choices, errors))


def check_organisation_rows(rows: list[Row], *, choices: Choices) -> tuple[list[CheckedRow], list[RowError]]:
    """Every row checked; all errors reported (the caller commits nothing if there is one)."""
    return _check_rows(rows, lambda row, errors: _organisation_data(row, choices, errors))


def _check_rows(
    rows: list[Row], row_data: Callable[[Row, list[RowError]], dict[str, object]]
) -> tuple[list[CheckedRow], list[RowError]]:
    checked: list[CheckedRow] = []
    errors: list[RowError] = []
    seen: set[str] = set()
    for row in rows:
        _read_problems(row, errors)
        ref = _ref(row, seen, errors)
        checked.append(CheckedRow(row=row.number, external_ref=ref, data=row_data(row, errors)))
    return checked, errors


def _listing_data(row: Row, choices: Choices, errors: list[RowError]) -> dict[str, object]:
    values = row.values
    owner_key = values.get("owner", "")
    owner = choices.owners.get(owner_key)
    if not owner_key:
        errors.append(RowError(row=row.number, column="owner", issue=Issue.REQUIRED))
    elif owner is None:
        errors.append(
            RowError(row=row.number, column="owner", issue=Issue.UNKNOWN_CHOICE, value=owner_key[:40])
        )
    visibility = values.get("visibility", "").lower() or "public"
    if visibility not in choices.visibilities:
        errors.append(
            RowError(row=row.number, column="visibility", issue=Issue.UNKNOWN_CHOICE, value=visibility[:40])
        )
    return {
        "kind": _choice(values, "kind", choices.kinds, row, errors),
        "title": _multilingual(values, "title", 256, row, errors),
        "summary": _multilingual(values, "summary", 500, row, errors),
        "visibility": visibility,
        "keywords": split_list(values.get("keywords", ""))[:20],
        "trl": _trl(values, row, errors),
        "owner_organisation_id": owner,
    }


def _organisation_data(row: Row, choices: Choices, errors: list[RowError]) -> dict[str, object]:
    values = row.values
    short_name = values.get("short_name", "")
    if len(short_name) > 40:
        errors.append(
            RowError(row=row.number, column="short_name", issue=Issue.TOO_LONG, value=short_name[:40])
        )
    return {
        "name": _multilingual(values, "name", 200, row, errors),
        "short_name": short_name[:40],
        "kind": _choice(values, "kind", choices.kinds, row, errors),
        "country": _choice(values, "country", choices.countries, row, errors, upper=True),
        "city": values.get("city", "")[:100],
    }
