"""Semantic similarity: exact cosine over the embedder's unit vectors.

There is one two-stage design: where the candidate set outgrows exact search, the platform
shortlists candidates with the ANN index (`techbridge_core.ann`) and ranks the shortlist here,
exactly, with the query vector `query_vector` gives (docs/decisions/0004).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from techbridge_core.matching.documents import Fields
from techbridge_core.matching.embedder import Embedder, EmbeddingRole, Vectors, symmetric_vectors
from techbridge_core.matching.pool import embedding_text

Scores = npt.NDArray[np.float64]


def query_vector(fields: Fields, *, pool_role: EmbeddingRole, embedder: Embedder) -> Vectors:
    """The query's vector as the pool's listings were embedded: a symmetric pool's queries
    with both roles averaged, otherwise as a `query:`. The platform calls it to search the
    ANN index with the very vector `rank` then uses."""
    text = embedding_text(fields)
    vectors = (
        symmetric_vectors(embedder, [text]) if pool_role == "query" else embedder.embed([text], role="query")
    )
    vector: Vectors = vectors[0]
    return vector


def cosine_scores(query_vector: Vectors, candidate_vectors: Vectors) -> Scores:
    """Cosine of the query with each candidate (vectors are unit length)."""
    if candidate_vectors.shape[0] == 0:
        return np.zeros(0, dtype=np.float64)
    return (candidate_vectors @ query_vector).astype(np.float64)
