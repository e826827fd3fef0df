"""Calibration of a search's neighbours against catalogue statistics, and reciprocal-rank fusion."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from techbridge_core.matching.catalogue_search import (
    ALL_LANGUAGES,
    CatalogueStatistics,
    StatisticsAccumulator,
    calibrated_similarities,
    catalogue_statistics,
    reciprocal_rank_fusion,
)


def _unit(rows: np.ndarray) -> np.ndarray:
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def test_a_language_offset_is_removed() -> None:
    rng = np.random.default_rng(3)
    offset = np.zeros(16)
    offset[0] = 3.0  # every "hu" vector leans towards the query's language direction
    hu = _unit(rng.normal(size=(200, 16)) + offset)
    en = _unit(rng.normal(size=(200, 16)))
    statistics = catalogue_statistics(np.vstack([hu, en]), ["hu"] * 200 + ["en"] * 200)
    query = _unit(offset[np.newaxis, :] + 0.01)[0]
    answer = _unit((en[0] + 1.2 * query)[np.newaxis, :])  # an English listing close to the query
    rows = np.vstack([hu[:5], answer])
    languages = ["hu"] * 5 + ["en"]
    raw = rows @ query
    calibrated = calibrated_similarities(query, rows, languages, statistics)
    assert int(np.argmax(raw)) != 5  # raw cosine prefers the query's language
    assert int(np.argmax(calibrated)) == 5


def test_streamed_statistics_equal_one_pass_and_survive_a_file(tmp_path: Path) -> None:
    rng = np.random.default_rng(5)
    vectors = _unit(rng.normal(size=(120, 8)))
    languages = ["en", "zh-hans", "hu"] * 40
    whole = catalogue_statistics(vectors, languages)
    accumulator = StatisticsAccumulator()
    for start in range(0, 120, 50):
        accumulator.add(vectors[start : start + 50], languages[start : start + 50])
    streamed = accumulator.result()
    path = tmp_path / "stats.npz"
    streamed.save(path)
    loaded = CatalogueStatistics.load(path)
    for language in ("en", "zh-hans", "hu", ALL_LANGUAGES):
        assert loaded.pools[language].count == whole.pools[language].count
        assert np.allclose(loaded.pools[language].mean, whole.pools[language].mean, atol=1e-6)
        assert np.allclose(loaded.pools[language].covariance, whole.pools[language].covariance, atol=1e-6)


def test_small_pools_borrow_the_statistics_of_all_languages() -> None:
    vectors = _unit(np.random.default_rng(1).normal(size=(60, 4)))
    statistics = catalogue_statistics(vectors, ["en"] * 55 + ["hu"] * 5)
    assert statistics.pool("hu") is statistics.pools[ALL_LANGUAGES]
    assert statistics.pool("en") is statistics.pools["en"]


def test_reciprocal_rank_fusion_puts_items_of_both_lists_first() -> None:
    assert reciprocal_rank_fusion([[1, 2, 3], [3, 4]]) == [3, 1, 2, 4]  # 2 and 4 tie: first seen first
    assert reciprocal_rank_fusion([]) == []
