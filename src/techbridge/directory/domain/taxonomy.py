"""The shipped classifications: OECD FORD for technology fields, NACE Rev. 2 sections for industries."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def _rows(filename: str) -> list[list[str]]:
    rows: list[list[str]] = json.loads((DATA_DIR / filename).read_text(encoding="utf-8"))
    return rows


def _names(row: list[str]) -> dict[str, str]:
    return {"en": row[1], "zh-hans": row[2], "hu": row[3]}


def load_taxonomies(technology_field_model: Any, industry_model: Any) -> None:
    """Create or update every field and industry; safe to run again (used by a data migration)."""
    by_code: dict[str, Any] = {}
    for row in _rows("ford.json"):
        code = row[0]
        parent = by_code.get(code.split(".")[0]) if "." in code else None
        field, _created = technology_field_model.objects.update_or_create(
            code=code, defaults={"name": _names(row), "parent": parent}
        )
        by_code[code] = field
    for row in _rows("nace.json"):
        industry_model.objects.update_or_create(code=row[0], defaults={"name": _names(row)})
