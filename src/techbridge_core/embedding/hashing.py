"""A tiny deterministic embedder for tests: hashed character n-grams, no model files.

Texts sharing many character trigrams get similar vectors, which is enough to test
ranking and indexing code without loading a neural model. It knows nothing about
meaning or languages.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from techbridge_core.embedding.chunking import l2_normalise
from techbridge_core.matching.embedder import EmbeddingRole, Vectors


def _bucket_and_sign(gram: str, dimension: int) -> tuple[int, float]:
    # blake2b rather than hash(): Python's str hash is salted per process.
    digest = hashlib.blake2b(gram.encode("utf-8"), digest_size=8).digest()
    value = int.from_bytes(digest, "little")
    return value % dimension, 1.0 if (value >> 63) & 1 else -1.0


class HashingEmbedder:
    def __init__(self, *, dimension: int = 64, ngram: int = 3) -> None:
        self._dimension = dimension
        self._ngram = ngram

    @property
    def name(self) -> str:
        return f"hashing-{self._ngram}gram-{self._dimension}"

    @property
    def dimension(self) -> int:
        return self._dimension

    def _vector(self, text: str) -> np.ndarray[tuple[int], np.dtype[np.float32]]:
        padded = f" {' '.join(text.lower().split())} "
        vector = np.zeros(self._dimension, dtype=np.float32)
        for start in range(max(len(padded) - self._ngram + 1, 1)):
            bucket, sign = _bucket_and_sign(padded[start : start + self._ngram], self._dimension)
            vector[bucket] += sign
        if not vector.any():
            vector[0] = 1.0  # unit length even for an empty text
        return vector

    def embed(self, texts: Sequence[str], *, role: EmbeddingRole) -> Vectors:
        del role  # symmetric by construction
        if not texts:
            return np.zeros((0, self._dimension), dtype=np.float32)
        return l2_normalise(np.stack([self._vector(text) for text in texts]))
