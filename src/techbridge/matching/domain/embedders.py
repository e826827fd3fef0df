"""The one place that reads which embedder the platform uses (setting TECHBRIDGE_EMBEDDER).

"e5" (default): multilingual-e5-small, built on first use into DATA_DIR/models;
"hashing": the tiny deterministic embedder of the tests. One instance per process.
Tests may register another embedder by name (`register_embedder`); everything else runs the
same code whichever embedder is chosen.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import cache
from pathlib import Path

from django.conf import settings

from techbridge_core.matching import Embedder

EMBEDDERS = ("e5", "hashing")
_REGISTERED: dict[str, Callable[[], Embedder]] = {}


def register_embedder(name: str, factory: Callable[[], Embedder]) -> None:
    _REGISTERED[name] = factory


def embedder_choice() -> str:
    choice = str(getattr(settings, "TECHBRIDGE_EMBEDDER", "") or os.environ.get("TECHBRIDGE_EMBEDDER", "e5"))
    if choice not in EMBEDDERS and choice not in _REGISTERED:
        message = f"TECHBRIDGE_EMBEDDER must be one of {', '.join(EMBEDDERS)}, not {choice!r}"
        raise ValueError(message)
    return choice


@cache
def _embedder(choice: str, cache_dir: Path) -> Embedder:
    if choice in _REGISTERED:
        return _REGISTERED[choice]()
    if choice == "hashing":
        from techbridge_core.embedding.hashing import HashingEmbedder

        return HashingEmbedder()
    from techbridge_core.embedding.e5 import E5Embedder

    return E5Embedder(cache_dir)


def get_embedder() -> Embedder:
    return _embedder(embedder_choice(), Path(settings.DATA_DIR) / "models")
