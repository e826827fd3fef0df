"""The approximate backend: a faiss HNSW graph over flat float32 vectors.

faiss was chosen over hnswlib and usearch because its PyPI wheel needs no compiler,
it memory-maps the stored vectors of a saved index (IO_FLAG_MMAP_IFC), and it filters
by an id bitmap inside the C++ search loop. faiss positions are the index's row
positions: rows are only ever appended, removal is a tombstone.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from techbridge_core.ann.exact import Ids, Matrix, Scores


@dataclass(frozen=True)
class HnswSettings:
    m: int = 16  # graph degree: memory = n * m * 8 bytes on level 0
    ef_construction: int = 80
    ef_search: int = 64
    add_batch: int = 20_000  # faiss adds a batch with all OpenMP threads


class HnswGraph:
    def __init__(self, index: Any, settings: HnswSettings) -> None:
        self._index = index
        self.settings = settings

    @classmethod
    def empty(cls, dimension: int, settings: HnswSettings) -> HnswGraph:
        import faiss

        index = faiss.IndexHNSWFlat(dimension, settings.m, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = settings.ef_construction
        return cls(index, settings)

    @classmethod
    def load(cls, path: Path, settings: HnswSettings, *, memory_map: bool) -> HnswGraph:
        import faiss

        flags = faiss.IO_FLAG_MMAP_IFC | faiss.IO_FLAG_READ_ONLY if memory_map else 0
        return cls(faiss.read_index(str(path), flags), settings)

    def save(self, path: Path) -> None:
        import faiss

        faiss.write_index(self._index, str(path))

    @property
    def initial_effort(self) -> int:
        return self.settings.ef_search

    @property
    def size(self) -> int:
        return int(self._index.ntotal)

    def add(self, vectors: Matrix) -> None:
        for start in range(0, len(vectors), self.settings.add_batch):
            block = vectors[start : start + self.settings.add_batch]
            self._index.add(np.ascontiguousarray(block, dtype=np.float32))

    def vectors(self) -> Matrix:
        """Zero-copy view of the stored vectors (memory-mapped when opened that way)."""
        import faiss

        storage: Any = faiss.downcast_index(self._index.storage)
        flat = faiss.rev_swig_ptr(storage.get_xb(), self.size * self._index.d)
        matrix: Matrix = np.asarray(flat).reshape(self.size, self._index.d)
        return matrix

    def search(
        self, queries: Matrix, k: int, *, allowed: npt.NDArray[np.bool_] | None, effort: int
    ) -> tuple[Ids, Scores]:
        """Positions and scores; -1 where the graph walk found fewer than k allowed rows."""
        import faiss

        parameters = faiss.SearchParametersHNSW()  # type: ignore[attr-defined]
        parameters.efSearch = max(effort, k)
        bitmap = None
        if allowed is not None:
            bitmap = np.packbits(allowed, bitorder="little")
            parameters.sel = faiss.IDSelectorBitmap(len(allowed), faiss.swig_ptr(bitmap))
        scores, positions = self._index.search(
            np.ascontiguousarray(queries, dtype=np.float32), k, params=parameters
        )
        del bitmap  # kept alive until here: faiss holds a raw pointer into it
        return positions.astype(np.int64), scores.astype(np.float32)
