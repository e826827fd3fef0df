"""Characters no stored text may hold, whatever the way in (form, API, spreadsheet).

- NUL and the other C0 control characters except tab, line feed and carriage return: PostgreSQL
  refuses NUL in text, and XML-based exports (XLSX) cannot hold any of them.
- Unpaired UTF-16 surrogates (JSON "\\ud800"): Python strings may carry them, but they have no
  UTF-8 encoding, so every database driver and every response encoder fails on them.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


def first_unsafe_character(text: str) -> str | None:
    """The first character of `text` that cannot be stored, or None when every one can."""
    found = _UNSAFE.search(text)
    return found.group() if found else None


def describe_character(character: str) -> str:
    """U+0000 style, for messages (the character itself would be invisible or unprintable)."""
    return f"U+{ord(character):04X}"
