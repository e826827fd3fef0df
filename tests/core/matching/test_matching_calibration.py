import numpy as np
import pytest
from matching_fakes import ConceptEmbedder, offer

from techbridge_core.matching import Query, RankingSettings, rank
from techbridge_core.matching.calibration import CalibrationSettings, standardise_by_group


def test_standardise_by_group_removes_a_group_offset():
    scores = np.array([0.9, 0.8, 0.7, 0.4, 0.3, 0.2])
    groups = np.array([0, 0, 0, 1, 1, 1])

    z = standardise_by_group(scores, groups, shrinkage=0.0)

    assert z[:3].tolist() == pytest.approx(z[3:].tolist())


def test_standardise_by_group_without_spread_gives_zeros():
    z = standardise_by_group(np.array([0.5, 0.5, 0.1, 0.3]), np.array([0, 0, 1, 1]))

    assert z[:2].tolist() == [0.0, 0.0]


def _mixed_pool():
    """One English translation of the query among unrelated English and related Chinese."""
    english = [offer("en-answer", "battery recycling")] + [
        offer(f"en-{i}", text)
        for i, text in enumerate(
            ["solar coating", "water sensor", "engine software", "solar engine", "water coating"] * 2
        )
    ]
    chinese = [
        offer(f"zh-{i}", text)
        for i, text in enumerate(
            ["电池 涂层", "电池 传感器", "回收 软件", "回收 水", "太阳能 涂层", "水 传感器"] * 2
        )
    ]
    return english + chinese


def _top(settings):
    query = Query(fields=(("title", "电池 回收"),))
    matches = rank(query, _mixed_pool(), embedder=ConceptEmbedder(language_bias=1.5), settings=settings)
    return matches[0].id


def test_rank_without_calibration_prefers_same_language_listings():
    off = CalibrationSettings(per_language_pools=False, align_symmetric_pools=False)

    assert _top(RankingSettings(calibration=off)).startswith("zh-")


def test_rank_with_calibration_finds_the_translation_first():
    assert _top(RankingSettings()) == "en-answer"
