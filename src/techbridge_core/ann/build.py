"""Building (or rebuilding) an index from a stream of rows, resumable after a crash.

Rows must arrive in ascending id order. Every `checkpoint_every` rows the index is
published as an incomplete generation whose manifest records the highest id written
(the watermark); a later call finds it and asks the source only for ids above it.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from techbridge_core.ann.exact import Ids, Matrix
from techbridge_core.ann.index import IndexSettings, VectorIndex
from techbridge_core.ann.store import open_index, read_manifest, save_index

RowSource = Callable[[int | None], Iterable[tuple[Ids, Matrix]]]
"""Called with the watermark (None for a fresh build); yields (ids, vectors) batches."""


@dataclass(frozen=True)
class BuildProgress:
    rows_done: int
    watermark: int | None
    resumed_from: int | None


def build_index(
    directory: Path,
    *,
    dimension: int,
    rows: RowSource,
    settings: IndexSettings | None = None,
    checkpoint_every: int = 100_000,
    progress: Callable[[BuildProgress], None] | None = None,
    fresh: bool = False,
) -> VectorIndex:
    """Build into `directory`, continuing an interrupted build unless `fresh`.

    A complete index already in `directory` is rebuilt from scratch.
    """
    manifest = read_manifest(directory)
    if fresh or (manifest is not None and manifest["complete"]):
        shutil.rmtree(directory, ignore_errors=True)
        manifest = None
    if manifest is None:
        index = VectorIndex.create(dimension, settings=settings)
        watermark: int | None = None
    else:
        index = open_index(directory, writable=True, settings=settings)
        watermark = manifest["watermark"]
    resumed_from = watermark
    since_checkpoint = 0
    for batch_ids, vectors in rows(watermark):
        ids = np.asarray(batch_ids, dtype=np.int64)
        if len(ids) == 0:
            continue
        if watermark is not None and ids.min() <= watermark:
            msg = "row source must yield ids above the watermark, in ascending order"
            raise ValueError(msg)
        index.add(ids, vectors)
        watermark = int(ids.max())
        since_checkpoint += len(ids)
        if since_checkpoint >= checkpoint_every:
            save_index(index, directory, watermark=watermark, complete=False)
            since_checkpoint = 0
        if progress is not None:
            progress(BuildProgress(len(index), watermark, resumed_from))
    save_index(index, directory, watermark=watermark, complete=True)
    return index
