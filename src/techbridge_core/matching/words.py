"""A per-call cache of word vectors, so a word shared by several matches is embedded once."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from techbridge_core.matching.embedder import Embedder, EmbeddingRole, Vectors


class CachedWordEmbedder:
    """Wraps an embedder and remembers the vectors of texts it has embedded."""

    def __init__(self, embedder: Embedder) -> None:
        self._embedder = embedder
        self._vectors: dict[tuple[str, EmbeddingRole], Vectors] = {}

    @property
    def name(self) -> str:
        return self._embedder.name

    @property
    def dimension(self) -> int:
        return self._embedder.dimension

    def embed(self, texts: Sequence[str], *, role: EmbeddingRole) -> Vectors:
        missing = list(dict.fromkeys(t for t in texts if (t, role) not in self._vectors))
        if missing:
            fresh = self._embedder.embed(missing, role=role)
            for text, vector in zip(missing, fresh, strict=True):
                self._vectors[text, role] = vector
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.stack([self._vectors[text, role] for text in texts])
