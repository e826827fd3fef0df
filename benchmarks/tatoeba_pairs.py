"""Tatoeba's line-aligned pairs (tatoeba.<lang>-eng.<lang> and .eng) as the JSON lines the search and
matching benchmarks read: {"id": "<lang>-<n>", "src": ..., "en": ...}, one pair a line."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(folder: Path, language: str) -> None:
    source = (folder / f"tatoeba.{language}-eng.{language}").read_text(encoding="utf-8").splitlines()
    english = (folder / f"tatoeba.{language}-eng.eng").read_text(encoding="utf-8").splitlines()
    for number, (text, translation) in enumerate(zip(source, english, strict=True)):
        print(json.dumps({"id": f"{language}-{number}", "src": text, "en": translation}, ensure_ascii=False))


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2])
