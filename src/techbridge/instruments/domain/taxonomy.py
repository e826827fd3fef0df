"""The shipped classification of large scientific instruments (codes 01-15, analysis subclasses 01xx)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "categories.json"
TOP_LEVEL_CODE_LENGTH = 2


def load_categories(category_model: Any) -> None:
    """Create or update every category; safe to run again (used by a data migration)."""
    rows: list[list[str]] = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    by_code: dict[str, Any] = {}
    for code, en, zh, hu in rows:
        parent = by_code.get(code[:TOP_LEVEL_CODE_LENGTH]) if len(code) > TOP_LEVEL_CODE_LENGTH else None
        category, _created = category_model.objects.update_or_create(
            code=code, defaults={"name": {"en": en, "zh-hans": zh, "hu": hu}, "parent": parent}
        )
        by_code[code] = category
