"""Keyword search across languages: the query's nearest listings, calibrated per language, fused
with the lexical matches.

Raw cosines favour the query's own language (decision 0007), so a neighbour's similarity is
read as a z-score within its language pool: `(cos − q·μ_L) / sqrt(qᵀ Σ_L q)`, where μ_L and
Σ_L are the mean and covariance of the catalogue's vectors in language L. These statistics
come from the whole catalogue (computed by the indexing job, `CatalogueStatistics`), so a
listing's score does not depend on which other listings happened to be retrieved with it.
Pools smaller than `MIN_POOL_SIZE` use the statistics of all languages together.
The lexical and semantic orders are then fused by reciprocal rank (`reciprocal_rank_fusion`).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from techbridge_core.matching.embedder import Vectors

MIN_POOL_SIZE = 50
ALL_LANGUAGES = "*"
RRF_K = 60
"""Reciprocal-rank constant: the usual 60 keeps the first places of either list close."""
_MIN_VARIANCE = 1e-8


@dataclass(frozen=True)
class PoolStatistics:
    count: int
    mean: Vectors
    covariance: np.ndarray[Any, np.dtype[np.float64]]

    def z_scores(self, query: Vectors, similarities: Vectors) -> Vectors:
        """How far above the pool's usual similarity to `query` each of `similarities` lies."""
        expected = float(self.mean @ query)
        spread = float(np.sqrt(max(float(query @ self.covariance @ query), _MIN_VARIANCE)))
        return ((similarities - expected) / spread).astype(np.float32)


@dataclass(frozen=True)
class CatalogueStatistics:
    """Per language (and for all together, `ALL_LANGUAGES`): count, mean vector, covariance."""

    pools: Mapping[str, PoolStatistics]

    def pool(self, language: str) -> PoolStatistics | None:
        own = self.pools.get(language)
        if own is not None and own.count >= MIN_POOL_SIZE:
            return own
        return self.pools.get(ALL_LANGUAGES)

    def save(self, path: Path) -> None:
        """Written to a temporary name, then renamed: readers never see half a file."""
        arrays: dict[str, Any] = {}
        for language, pool in self.pools.items():
            arrays[f"count:{language}"] = np.asarray(pool.count)
            arrays[f"mean:{language}"] = pool.mean
            arrays[f"covariance:{language}"] = pool.covariance.astype(np.float32)
        temporary = path.with_name(path.name + ".tmp.npz")
        np.savez(temporary, **arrays)
        temporary.replace(path)

    @classmethod
    def load(cls, path: Path) -> CatalogueStatistics:
        with np.load(path) as stored:
            languages = [name.split(":", 1)[1] for name in stored.files if name.startswith("count:")]
            pools = {
                language: PoolStatistics(
                    count=int(stored[f"count:{language}"]),
                    mean=stored[f"mean:{language}"].astype(np.float32),
                    covariance=stored[f"covariance:{language}"].astype(np.float64),
                )
                for language in languages
            }
        return cls(pools)


class StatisticsAccumulator:
    """Sums per language over batches of vectors, so a catalogue of any size streams through."""

    def __init__(self) -> None:
        self._counts: dict[str, int] = {}
        self._sums: dict[str, np.ndarray[Any, np.dtype[np.float64]]] = {}
        self._products: dict[str, np.ndarray[Any, np.dtype[np.float64]]] = {}

    def add(self, vectors: Vectors, languages: Sequence[str]) -> None:
        matrix = np.asarray(vectors, dtype=np.float64)
        labels = np.asarray(languages, dtype=object)
        for language in {*languages, ALL_LANGUAGES}:
            rows = matrix if language == ALL_LANGUAGES else matrix[labels == language]
            if not len(rows):
                continue
            self._counts[language] = self._counts.get(language, 0) + len(rows)
            self._sums[language] = self._sums.get(language, 0) + rows.sum(axis=0)
            self._products[language] = self._products.get(language, 0) + rows.T @ rows

    def result(self) -> CatalogueStatistics:
        pools = {}
        for language, count in self._counts.items():
            mean = self._sums[language] / count
            covariance = self._products[language] / count - np.outer(mean, mean)
            pools[language] = PoolStatistics(count, mean.astype(np.float32), covariance)
        return CatalogueStatistics(pools)


def catalogue_statistics(vectors: Vectors, languages: Sequence[str]) -> CatalogueStatistics:
    accumulator = StatisticsAccumulator()
    if len(vectors):
        accumulator.add(vectors, languages)
    return accumulator.result()


def calibrated_similarities(
    query: Vectors, vectors: Vectors, languages: Sequence[str], statistics: CatalogueStatistics
) -> Vectors:
    """Each row's cosine to `query` as a z-score within its language pool (rows are unit vectors)."""
    similarities = (np.asarray(vectors, dtype=np.float32) @ np.asarray(query, dtype=np.float32)).astype(
        np.float32
    )
    scores = np.empty_like(similarities)
    labels = np.asarray(languages, dtype=object)
    for language in set(languages):
        rows = labels == language
        pool = statistics.pool(language)
        scores[rows] = similarities[rows] if pool is None else pool.z_scores(query, similarities[rows])
    return scores


def reciprocal_rank_fusion[Id: Hashable](
    rankings: Iterable[Sequence[Id]], *, k: int = RRF_K, weights: Sequence[float] | None = None
) -> list[Id]:
    """Ids of all rankings, ordered by the sum of weight / (k + place) (weights 1 unless given,
    one per ranking); ties keep first-seen order."""
    scores: dict[Id, float] = {}
    for number, ranking in enumerate(rankings):
        weight = 1.0 if weights is None else float(weights[number])
        for place, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + weight / (k + place)
    return sorted(scores, key=lambda item: -scores[item])
