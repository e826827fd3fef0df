"""The web processes' side of the nearest-neighbour index: open the published files read-only
(memory-mapped, shared by every process through the page cache), reopen when the worker
publishes a newer generation, never write."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from threading import Lock

import numpy as np

from techbridge.matching.vector_index import ann_threshold, kind_directory
from techbridge_core.ann import VectorIndex, open_index, published_generation
from techbridge_core.ann.exact import MISSING_ID
from techbridge_core.matching import Vectors

logger = logging.getLogger(__name__)
_opened: dict[Path, tuple[int, VectorIndex]] = {}
_opened_lock = Lock()
_warned_without_index: set[str] = set()


def published_index(directory: Path) -> VectorIndex | None:
    """The newest published index in `directory`, opened once per process and generation."""
    generation = published_generation(directory)
    if generation is None:
        return None
    with _opened_lock:
        cached = _opened.get(directory)
        if cached is not None and cached[0] == generation:
            return cached[1]
    try:
        index = open_index(directory)
    except FileNotFoundError:  # a generation removed between reading its number and opening it
        return None
    with _opened_lock:
        _opened[directory] = (generation, index)
    return index


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


def nearest_listing_ids(
    query_vector: Vectors, *, model_name: str, kinds: Iterable[str], k: int
) -> list[int] | None:
    """Ids of the `k` listings of `kinds` nearest to `query_vector`, nearest first; None when
    some kind has no published index yet (the caller then keeps to the exact path)."""
    found_ids: list[np.ndarray] = []
    found_scores: list[np.ndarray] = []
    for kind in sorted(kinds):
        index = published_index(kind_directory(model_name, kind))
        if index is None:
            return None
        if len(index) == 0:
            continue
        result = index.search(np.asarray(query_vector, dtype=np.float32)[np.newaxis, :], k)
        present = result.ids[0] != MISSING_ID
        found_ids.append(result.ids[0][present])
        found_scores.append(result.scores[0][present])
    if not found_ids:
        return []
    ids, scores = np.concatenate(found_ids), np.concatenate(found_scores)
    return [int(i) for i in ids[np.argsort(-scores, kind="stable")[:k]]]
