import numpy as np
import pytest

from techbridge_core.matching.fusion import (
    FusionWeights,
    reciprocal_rank_fusion,
    weighted_fusion,
)


def test_reciprocal_rank_fusion_sums_inverse_ranks():
    lexical = np.array([3.0, 2.0, 1.0])
    semantic = np.array([0.1, 0.9, 0.5])

    fused = reciprocal_rank_fusion([lexical, semantic], k=60)

    assert fused.tolist() == pytest.approx([1 / 61 + 1 / 63, 1 / 62 + 1 / 61, 1 / 63 + 1 / 62])


def test_reciprocal_rank_fusion_prefers_agreement_over_one_strong_vote():
    lexical = np.array([5.0, 4.0, 0.0, 1.0])
    semantic = np.array([0.1, 0.8, 0.9, 0.2])

    fused = reciprocal_rank_fusion([lexical, semantic])

    assert int(np.argmax(fused)) == 1


def test_weighted_fusion_applies_weights():
    fused = weighted_fusion(
        lexical=np.array([1.0, 0.0]),
        semantic=np.array([0.0, 1.0]),
        weights=FusionWeights(lexical=0.5, semantic=1.0),
    )

    assert fused.tolist() == [0.5, 1.0]


def test_weighted_fusion_uses_cross_language_weight_for_other_languages():
    fused = weighted_fusion(
        lexical=np.array([1.0, 1.0]),
        semantic=np.array([0.0, 0.0]),
        weights=FusionWeights(lexical=0.5, semantic=1.0, cross_language_lexical=0.0),
        same_language=np.array([True, False]),
    )

    assert fused.tolist() == [0.5, 0.0]
