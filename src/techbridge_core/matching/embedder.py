"""The contract between the ranking code and any sentence-embedding model.

Ranking code depends only on this protocol, so tests can pass a small deterministic
embedder and production passes the multilingual model from ``techbridge_core.embedding``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, Protocol

import numpy as np
import numpy.typing as npt

EmbeddingRole = Literal["query", "passage"]
"""`query` for the asking side (a demand, a search), `passage` for what is searched."""

Vectors = npt.NDArray[np.float32]


class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors of a fixed dimension."""

    @property
    def name(self) -> str: ...

    @property
    def dimension(self) -> int: ...

    def embed(self, texts: Sequence[str], *, role: EmbeddingRole) -> Vectors:
        """Return an array of shape (len(texts), dimension), each row of unit length."""
        ...
