"""Split text into runs of one writing system, so each run gets its own tokeniser."""

from __future__ import annotations

import re
from typing import NamedTuple

# CJK Unified Ideographs with extension A, compatibility ideographs and extensions B-F.
HAN_CHARACTERS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef"
_HAN_RUN = re.compile(f"[{HAN_CHARACTERS}]+")
_HAN_CHARACTER = re.compile(f"[{HAN_CHARACTERS}]")


class ScriptRun(NamedTuple):
    text: str
    is_han: bool


def is_han(character: str) -> bool:
    return _HAN_CHARACTER.fullmatch(character) is not None


def script_runs(text: str) -> tuple[ScriptRun, ...]:
    """Alternate Han and non-Han runs in reading order; empty runs are left out."""
    runs: list[ScriptRun] = []
    position = 0
    for match in _HAN_RUN.finditer(text):
        if match.start() > position:
            runs.append(ScriptRun(text[position : match.start()], is_han=False))
        runs.append(ScriptRun(match.group(), is_han=True))
        position = match.end()
    if position < len(text):
        runs.append(ScriptRun(text[position:], is_han=False))
    return tuple(runs)
