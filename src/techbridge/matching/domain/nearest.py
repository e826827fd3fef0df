"""The web processes' side of the nearest-neighbour index: open the published files read-only
(memory-mapped, shared by every process through the page cache), reopen when the worker
publishes a newer generation, never write."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from threading import Lock

import numpy as np

from techbridge.matching.domain.vector_index import ann_threshold, kind_directory, published_source
from techbridge_core.ann import VectorIndex, open_index, published_generation
from techbridge_core.ann.exact import MISSING_ID
from techbridge_core.matching import Vectors

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class OpenedIndex:
    generation: int
    index: VectorIndex
    built_from: datetime | None  # the newest vector it holds; None when its source record is missing


_opened: dict[Path, OpenedIndex] = {}
_opened_lock = Lock()
_warned_without_index: set[str] = set()


def published_index(directory: Path) -> OpenedIndex | None:
    """The newest published index in `directory`, opened once per process and generation."""
    generation = published_generation(directory)
    if generation is None:
        return None
    with _opened_lock:
        cached = _opened.get(directory)
        if cached is not None and cached.generation == generation:
            return cached
    try:
        source = published_source(directory)
        opened = OpenedIndex(
            generation,
            open_index(directory),
            datetime.fromisoformat(source["updated"]) if source and source["updated"] else None,
        )
    except FileNotFoundError:  # a generation removed between reading its number and opening it
        return None
    with _opened_lock:
        _opened[directory] = opened
    return opened


def forget_opened_indexes() -> None:
    with _opened_lock:
        _opened.clear()
        _warned_without_index.clear()


def warn_once_without_index(model_name: str) -> None:
    with _opened_lock:
        if model_name in _warned_without_index:
            return
        _warned_without_index.add(model_name)
    logger.warning(
        "matching: more than %d candidates but no published ANN index for %s; "
        "ranking the newest %d only until the worker builds it",
        ann_threshold(),
        model_name,
        ann_threshold(),
    )


@dataclass(frozen=True)
class Nearest:
    ids: list[int]  # nearest first
    built_from: datetime | None  # vectors written after this are not in the index (yet)


def nearest_listing_ids(
    query_vector: Vectors, *, model_name: str, kinds: Iterable[str], k: int
) -> Nearest | None:
    """The `k` listings of `kinds` nearest to `query_vector`; None when some kind has no
    published index yet (the caller then keeps to the exact path)."""
    found_ids: list[np.ndarray] = []
    found_scores: list[np.ndarray] = []
    built: list[datetime] = []
    for kind in sorted(kinds):
        opened = published_index(kind_directory(model_name, kind))
        if opened is None:
            return None
        index = opened.index
        if opened.built_from is not None:
            built.append(opened.built_from)
        if len(index) == 0:
            continue
        result = index.search(np.asarray(query_vector, dtype=np.float32)[np.newaxis, :], k)
        present = result.ids[0] != MISSING_ID
        found_ids.append(result.ids[0][present])
        found_scores.append(result.scores[0][present])
    built_from = min(built, default=None)
    if not found_ids:
        return Nearest([], built_from)
    ids, scores = np.concatenate(found_ids), np.concatenate(found_scores)
    return Nearest([int(i) for i in ids[np.argsort(-scores, kind="stable")[:k]]], built_from)
