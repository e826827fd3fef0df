from __future__ import annotations

import numpy as np

from techbridge_core.embedding.hashing import HashingEmbedder
from techbridge_core.embedding.use import UseEmbedder
from techbridge_core.matching.embedder import Embedder


def test_embedding_hashing_is_deterministic_and_unit_length() -> None:
    embedder: Embedder = HashingEmbedder(dimension=64)
    first = embedder.embed(["battery recycling", ""], role="query")
    second = HashingEmbedder(dimension=64).embed(["battery recycling", ""], role="passage")
    np.testing.assert_array_equal(first, second)
    np.testing.assert_allclose(np.linalg.norm(first, axis=1), 1.0, rtol=1e-6)


def test_embedding_hashing_similar_strings_score_higher() -> None:
    a, b, c = HashingEmbedder().embed(
        ["battery recycling", "battery recycler", "quantum optics"], role="query"
    )
    assert a @ b > a @ c


def test_embedding_use_chinese_is_closer_to_its_translation() -> None:
    embedder: Embedder = UseEmbedder(threads=2)
    chinese, english, unrelated = embedder.embed(
        ["锂电池回收技术", "Lithium battery recycling technology", "The museum opens on Sundays"],
        role="query",
    )
    assert embedder.dimension == 512
    assert chinese @ english > chinese @ unrelated + 0.2
