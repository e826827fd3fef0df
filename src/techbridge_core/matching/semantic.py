"""Semantic similarity: exact cosine over the embedder's unit vectors.

Where the candidate set outgrows exact search, the platform passes a `VectorSearch`
(the ANN index of `techbridge_core.ann`); candidates it does not return get the lowest
returned similarity, so they stay rankable by their lexical score.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np
import numpy.typing as npt

from techbridge_core.matching.embedder import Vectors

Scores = npt.NDArray[np.float64]

VectorSearch = Callable[[Vectors, int], Sequence[tuple[str, float]]]
"""(query vector of shape (dimension,), k) -> up to k (candidate id, cosine), best first."""


def cosine_scores(query_vector: Vectors, candidate_vectors: Vectors) -> Scores:
    """Cosine of the query with each candidate (vectors are unit length)."""
    if candidate_vectors.shape[0] == 0:
        return np.zeros(0, dtype=np.float64)
    return (candidate_vectors @ query_vector).astype(np.float64)


def searched_scores(
    query_vector: Vectors,
    candidate_ids: Sequence[str],
    *,
    search: VectorSearch,
    depth: int,
) -> Scores:
    """Similarities from an approximate index, floored for the candidates it missed."""
    hits: Mapping[str, float] = dict(search(query_vector, depth))
    floor = min(hits.values(), default=0.0)
    return np.array([hits.get(i, floor) for i in candidate_ids], dtype=np.float64)
