from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matching_fakes import ConceptEmbedder, offer

from techbridge_core.matching import Query, RankingSettings, Vectors, prepare_pool
from techbridge_core.matching.embedder import EmbeddingRole, symmetric_vectors
from techbridge_core.matching.ranking import score_candidates


class TwoViewEmbedder:
    """The concept space, turned by a role-specific rotation: `query:` and `passage:` views
    of one text differ, as with e5."""

    def __init__(self) -> None:
        self._inner = ConceptEmbedder(language_bias=0.5)
        rng = np.random.default_rng(3)
        size = self._inner.dimension
        self._turn = {
            "query": np.linalg.qr(np.eye(size) + 0.3 * rng.standard_normal((size, size)))[0],
            "passage": np.linalg.qr(np.eye(size) + 0.3 * rng.standard_normal((size, size)))[0],
        }

    @property
    def name(self) -> str:
        return "two-view-test"

    @property
    def dimension(self) -> int:
        return self._inner.dimension

    def embed(self, texts: Sequence[str], *, role: EmbeddingRole) -> Vectors:
        return (self._inner.embed(texts, role=role) @ self._turn[role]).astype(np.float32)


DOCUMENTS = [
    offer("en-1", "battery recycling"),
    offer("hu-1", "akkumulátor újrahasznosítás"),
    offer("en-2", "solar coating"),
    offer("hu-2", "napelem bevonat"),
]


def test_symmetric_vectors_average_both_roles_to_unit_length() -> None:
    embedder = TwoViewEmbedder()
    texts = ["battery recycling", "napelem bevonat"]
    expected = embedder.embed(texts, role="query") + embedder.embed(texts, role="passage")
    expected /= np.linalg.norm(expected, axis=1, keepdims=True)
    np.testing.assert_allclose(symmetric_vectors(embedder, texts), expected, rtol=1e-5)


def test_symmetric_pool_embeds_listings_and_queries_with_both_roles() -> None:
    embedder = TwoViewEmbedder()
    pool = prepare_pool(DOCUMENTS, embedder=embedder, role="query")
    texts = [text for document in DOCUMENTS for _, text in document.fields]
    np.testing.assert_allclose(pool.vectors, symmetric_vectors(embedder, texts), rtol=1e-5)
    query = Query(fields=(("title", "battery recycling"),), exclude_ids=frozenset({"en-1"}))
    settings = RankingSettings(explain_top=0)
    embedded_here = score_candidates(query, pool, embedder=embedder, settings=settings)
    given = score_candidates(query, pool, embedder=embedder, settings=settings, query_vector=pool.vectors[0])
    np.testing.assert_allclose(embedded_here.totals, given.totals, rtol=1e-6)


def test_asymmetric_pool_keeps_passage_vectors_and_query_role() -> None:
    embedder = TwoViewEmbedder()
    pool = prepare_pool(DOCUMENTS, embedder=embedder)
    texts = [text for document in DOCUMENTS for _, text in document.fields]
    np.testing.assert_allclose(pool.vectors, embedder.embed(texts, role="passage"), rtol=1e-6)
    query = Query(fields=(("title", "battery recycling"),))
    settings = RankingSettings(explain_top=0)
    embedded_here = score_candidates(query, pool, embedder=embedder, settings=settings)
    as_query = embedder.embed(["battery recycling"], role="query")[0]
    given = score_candidates(query, pool, embedder=embedder, settings=settings, query_vector=as_query)
    np.testing.assert_allclose(embedded_here.totals, given.totals, rtol=1e-6)
