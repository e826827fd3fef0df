"""Whole-catalogue statistics, so a shortlist is ranked as the whole catalogue would be.

Ranking a candidate needs numbers about the population it is ranked in: BM25's document
count N, document frequencies and average length, and the calibration's mean and spread of
the lexical and semantic scores in each language pool. Taken from the candidates at hand, they
change with the candidate set: a term that is rare in the catalogue but common among the ~500
nearest neighbours of a shortlist loses its weight, and a shortlist of near neighbours has a
much narrower spread than the catalogue, so the fusion weighs lexical and semantic evidence
differently from the exact path. `CorpusStatistics` holds these numbers for the whole
catalogue (computed by the platform's indexing job with `CorpusAccumulator`), and `rank` reads
them instead of the pool's: a candidate's score then no longer depends on which other
candidates were shortlisted with it.

The calibration moments come from per-term sums, not from scoring every listing:
- a language pool's mean BM25 score for a query is exact: sum over the query's distinct terms
  t of idf(t) * (sum of t's BM25 term-frequency factor over the pool) / pool size;
- its variance adds the terms' variances (co-occurrence between query terms is not kept:
  that would be a vocabulary-squared table);
- a pool's mean and variance of cosines to query vector q are q·μ and qᵀΣq, from the pool's
  mean vector μ and covariance Σ (unit vectors).
Statistics are kept per (listing kind, language), so a query over some kinds (a demand's
offers, services and expertise) combines exactly those; the average length is the whole
catalogue's, so the per-term sums need no recomputation per combination.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
import numpy.typing as npt

from techbridge_core.matching.bm25 import Bm25Parameters, idf
from techbridge_core.matching.embedder import Vectors
from techbridge_core.text.language import LANGUAGES, Language

Matrix = npt.NDArray[np.float64]
FORMAT_VERSION = 1
_FLUSH_EVERY = 512


@dataclass(frozen=True, slots=True)
class Moments:
    """Count, mean and variance of one score over one population."""

    count: int
    mean: float
    variance: float


def combine_moments(parts: Iterable[Moments]) -> Moments | None:
    """The moments of the union of disjoint populations."""
    chosen = [part for part in parts if part.count > 0]
    count = sum(part.count for part in chosen)
    if not count:
        return None
    mean = sum(part.count * part.mean for part in chosen) / count
    second = sum(part.count * (part.variance + part.mean**2) for part in chosen) / count
    return Moments(count, mean, max(second - mean**2, 0.0))


@dataclass(frozen=True, slots=True)
class TermStatistics:
    """A term over the catalogue: how many listings hold it, and per language pool the sum and
    the sum of squares of its BM25 term-frequency factor tf·(k1+1)/(tf + k1·(1-b+b·len/avgdl))."""

    document_frequency: int
    factor_sums: Mapping[Language, tuple[float, float]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, eq=False)
class LanguageStatistics:
    """A language pool of the catalogue: its size and the mean and covariance of its vectors."""

    count: int
    vector_mean: Matrix
    vector_covariance: Matrix


def _read_only(array: npt.ArrayLike) -> Matrix:
    copy = np.array(array, dtype=np.float64)
    copy.setflags(write=False)
    return copy


@dataclass(frozen=True, slots=True, eq=False)
class CorpusStatistics:
    """The immutable catalogue statistics one ranking reads (see the module docstring).

    `terms` needs to hold only the query's terms (`query_terms`); a term it lacks occurs in
    no listing of the catalogue. `document_count` and `average_length` are BM25's N and avgdl.
    """

    document_count: int
    average_length: float
    languages: Mapping[Language, LanguageStatistics]
    terms: Mapping[str, TermStatistics]
    bm25: Bm25Parameters = field(default_factory=Bm25Parameters)

    def __post_init__(self) -> None:
        languages = {
            language: LanguageStatistics(
                stats.count, _read_only(stats.vector_mean), _read_only(stats.vector_covariance)
            )
            for language, stats in self.languages.items()
        }
        terms = {
            term: TermStatistics(stats.document_frequency, MappingProxyType(dict(stats.factor_sums)))
            for term, stats in self.terms.items()
        }
        object.__setattr__(self, "languages", MappingProxyType(languages))
        object.__setattr__(self, "terms", MappingProxyType(terms))

    def document_frequency(self, term: str) -> int:
        stats = self.terms.get(term)
        return 0 if stats is None else stats.document_frequency

    def idf(self, term: str) -> float:
        return idf(self.document_count, self.document_frequency(term))

    def lexical_moments(self, query_terms: Iterable[str]) -> dict[Language, Moments]:
        """Per language pool: mean and variance of the BM25 score of the query (distinct terms)."""
        means = dict.fromkeys(self.languages, 0.0)
        variances = dict.fromkeys(self.languages, 0.0)
        for term in set(query_terms):
            stats = self.terms.get(term)
            if stats is None:
                continue
            weight = self.idf(term)
            for language, (total, squares) in stats.factor_sums.items():
                pool = self.languages.get(language)
                if pool is None or pool.count == 0:
                    continue
                mean = total / pool.count
                means[language] += weight * mean
                variances[language] += weight**2 * max(squares / pool.count - mean**2, 0.0)
        return {
            language: Moments(pool.count, means[language], variances[language])
            for language, pool in self.languages.items()
            if pool.count
        }

    def semantic_moments(self, query_vector: Vectors) -> dict[Language, Moments]:
        """Per language pool: mean and variance of the cosine of its vectors with `query_vector`."""
        query = np.asarray(query_vector, dtype=np.float64)
        return {
            language: Moments(
                pool.count,
                float(pool.vector_mean @ query),
                max(float(query @ pool.vector_covariance @ query), 0.0),
            )
            for language, pool in self.languages.items()
            if pool.count
        }


def bm25_factors(
    frequencies: npt.NDArray[np.float64],
    lengths: npt.NDArray[np.float64],
    *,
    average_length: float,
    parameters: Bm25Parameters,
) -> npt.NDArray[np.float64]:
    """BM25's term-frequency factor (the weight without idf)."""
    norms = parameters.k1 * (1 - parameters.b + parameters.b * lengths / max(average_length, 1e-9))
    result: npt.NDArray[np.float64] = frequencies * (parameters.k1 + 1) / (frequencies + norms)
    return result


# --- the stored form: per (kind, language) group, combined per query -------------------------


@dataclass(frozen=True, slots=True, eq=False)
class _Group:
    kind: str
    language: Language
    count: int
    vector_mean: Matrix  # float64 (dimension,)
    vector_covariance: npt.NDArray[np.float32]  # (dimension, dimension)
    term_ids: npt.NDArray[np.int64]  # sorted ids into the vocabulary
    document_frequencies: npt.NDArray[np.int64]
    factor_sums: Matrix  # (terms, 2): sum and sum of squares of the BM25 factor


class CatalogueCorpus:
    """The whole catalogue's statistics as stored (bytes) and read: groups per (kind, language).

    `statistics(kinds, terms)` gives the `CorpusStatistics` of the listings of `kinds`,
    restricted to `terms`: its cost grows with the number of terms and groups, not listings.
    """

    def __init__(
        self,
        *,
        document_count: int,
        average_length: float,
        dimension: int,
        vocabulary: Sequence[str],
        groups: Sequence[_Group],
        bm25: Bm25Parameters,
    ) -> None:
        self.document_count = document_count
        self.average_length = average_length
        self.dimension = dimension
        self.bm25 = bm25
        self._vocabulary = {term: index for index, term in enumerate(vocabulary)}
        self._terms = tuple(vocabulary)
        self._groups = tuple(groups)
        self._languages: dict[frozenset[str], Mapping[Language, LanguageStatistics]] = {}

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset(group.kind for group in self._groups)

    def __len__(self) -> int:
        return self.document_count

    def _language_statistics(self, kinds: frozenset[str]) -> Mapping[Language, LanguageStatistics]:
        cached = self._languages.get(kinds)
        if cached is not None:
            return cached
        result: dict[Language, LanguageStatistics] = {}
        for language in LANGUAGES:
            chosen = [g for g in self._groups if g.kind in kinds and g.language == language and g.count]
            count = sum(g.count for g in chosen)
            if not count:
                continue
            weights = np.array([g.count for g in chosen], dtype=np.float64)
            mean: Matrix = np.einsum("g,gd->d", weights, np.stack([g.vector_mean for g in chosen])) / count
            second: Matrix = np.zeros((self.dimension, self.dimension), dtype=np.float64)
            for g in chosen:
                second += g.count * (
                    g.vector_covariance.astype(np.float64) + np.outer(g.vector_mean, g.vector_mean)
                )
            result[language] = LanguageStatistics(count, mean, second / count - np.outer(mean, mean))
        frozen = MappingProxyType(result)
        self._languages[kinds] = frozen  # a race only computes the same value twice
        return frozen

    def statistics(self, kinds: Iterable[str], terms: Iterable[str]) -> CorpusStatistics:
        """The statistics of the listings of `kinds` (all kinds: the whole catalogue) for `terms`."""
        wanted = frozenset(kinds)
        languages = self._language_statistics(wanted)
        distinct = sorted({t for t in terms if t in self._vocabulary})
        ids = np.array([self._vocabulary[t] for t in distinct], dtype=np.int64)
        frequencies = np.zeros(len(distinct), dtype=np.int64)
        sums: dict[Language, Matrix] = {}
        for group in self._groups:
            if group.kind not in wanted or not len(ids):
                continue
            places = np.searchsorted(group.term_ids, ids)
            places = np.minimum(places, max(len(group.term_ids) - 1, 0))
            present = (
                group.term_ids[places] == ids if len(group.term_ids) else np.zeros(len(ids), dtype=np.bool_)
            )
            if not present.any():
                continue
            frequencies[present] += group.document_frequencies[places[present]]
            language_sums = sums.setdefault(group.language, np.zeros((len(ids), 2), dtype=np.float64))
            language_sums[present] += group.factor_sums[places[present]]
        term_statistics = {
            term: TermStatistics(
                int(frequencies[i]),
                {
                    language: (float(values[i, 0]), float(values[i, 1]))
                    for language, values in sums.items()
                    if values[i, 0] or values[i, 1]
                },
            )
            for i, term in enumerate(distinct)
            if frequencies[i]
        }
        count = sum(stats.count for stats in languages.values())
        return CorpusStatistics(
            document_count=count,
            average_length=self.average_length,
            languages=languages,
            terms=term_statistics,
            bm25=self.bm25,
        )

    def to_bytes(self) -> bytes:
        arrays: dict[str, Any] = {
            "format": np.asarray(FORMAT_VERSION),
            "header": np.array(
                [self.document_count, self.average_length, self.dimension, self.bm25.k1, self.bm25.b],
                dtype=np.float64,
            ),
            "vocabulary": np.array(self._terms, dtype=np.str_),
            "kinds": np.array([g.kind for g in self._groups], dtype=np.str_),
            "languages": np.array([g.language for g in self._groups], dtype=np.str_),
            "counts": np.array([g.count for g in self._groups], dtype=np.int64),
        }
        for number, group in enumerate(self._groups):
            arrays[f"mean{number}"] = group.vector_mean
            arrays[f"covariance{number}"] = group.vector_covariance
            arrays[f"terms{number}"] = group.term_ids
            arrays[f"df{number}"] = group.document_frequencies
            arrays[f"sums{number}"] = group.factor_sums
        buffer = io.BytesIO()
        np.savez(buffer, **arrays)
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> CatalogueCorpus:
        with np.load(io.BytesIO(data), allow_pickle=False) as stored:
            if int(stored["format"]) != FORMAT_VERSION:
                message = f"catalogue statistics of format {int(stored['format'])}, expected {FORMAT_VERSION}"
                raise ValueError(message)
            count, average, dimension, k1, b = (float(value) for value in stored["header"])
            groups = [
                _Group(
                    kind=str(kind),
                    language=_language(str(language)),
                    count=int(stored["counts"][number]),
                    vector_mean=stored[f"mean{number}"].astype(np.float64),
                    vector_covariance=stored[f"covariance{number}"].astype(np.float32),
                    term_ids=stored[f"terms{number}"].astype(np.int64),
                    document_frequencies=stored[f"df{number}"].astype(np.int64),
                    factor_sums=stored[f"sums{number}"].astype(np.float64),
                )
                for number, (kind, language) in enumerate(
                    zip(stored["kinds"], stored["languages"], strict=True)
                )
            ]
            vocabulary = [str(term) for term in stored["vocabulary"]]
        return cls(
            document_count=int(count),
            average_length=average,
            dimension=int(dimension),
            vocabulary=vocabulary,
            groups=groups,
            bm25=Bm25Parameters(k1=k1, b=b),
        )


def _language(value: str) -> Language:
    for language in LANGUAGES:
        if language == value:
            return language
    message = f"unknown language {value!r}"
    raise ValueError(message)


class CorpusAccumulator:
    """Streams a catalogue through once: each listing's kind, language, BM25 terms and vector.

    The BM25 factors need the catalogue's average length, known only at the end, so each
    listing's term counts are kept compactly (ids and counts) until `result()`.
    """

    def __init__(self, *, dimension: int, bm25: Bm25Parameters | None = None) -> None:
        self._dimension = dimension
        self._bm25 = bm25 or Bm25Parameters()
        self._vocabulary: dict[str, int] = {}
        self._group_of: dict[tuple[str, Language], int] = {}
        self._counts: list[int] = []
        self._vector_sums: list[Matrix] = []
        self._vector_products: list[Matrix] = []
        self._rows: list[tuple[int, npt.NDArray[np.int64], npt.NDArray[np.int64], int]] = []
        self._total_length = 0
        self._pending: dict[int, list[Matrix]] = {}

    def _flush(self, group: int) -> None:
        pending = self._pending.pop(group, [])
        if pending:
            matrix = np.stack(pending)
            self._counts[group] += len(pending)
            self._vector_sums[group] += matrix.sum(axis=0)
            self._vector_products[group] += matrix.T @ matrix

    def add(self, *, kind: str, language: Language, terms: Sequence[str], vector: Vectors) -> None:
        key = (kind, language)
        group = self._group_of.get(key)
        if group is None:
            group = self._group_of[key] = len(self._counts)
            self._counts.append(0)
            self._vector_sums.append(np.zeros(self._dimension, dtype=np.float64))
            self._vector_products.append(np.zeros((self._dimension, self._dimension), dtype=np.float64))
        pending = self._pending.setdefault(group, [])
        pending.append(np.asarray(vector, dtype=np.float64).reshape(self._dimension))
        if len(pending) >= _FLUSH_EVERY:
            self._flush(group)
        counted = Counter(terms)
        ids = np.fromiter(
            (self._vocabulary.setdefault(term, len(self._vocabulary)) for term in counted),
            dtype=np.int64,
            count=len(counted),
        )
        frequencies = np.fromiter(counted.values(), dtype=np.int64, count=len(counted))
        self._rows.append((group, ids, frequencies, len(terms)))
        self._total_length += len(terms)

    def result(self) -> CatalogueCorpus:
        for group in list(self._pending):
            self._flush(group)
        count = len(self._rows)
        average = self._total_length / count if count and self._total_length else 1.0
        groups: list[_Group] = []
        for (kind, language), number in self._group_of.items():
            rows = [row for row in self._rows if row[0] == number]
            ids = np.concatenate([r[1] for r in rows]) if rows else np.zeros(0, dtype=np.int64)
            frequencies = np.concatenate([r[2] for r in rows]).astype(np.float64) if rows else np.zeros(0)
            lengths = (
                np.concatenate([np.full(len(r[1]), r[3], dtype=np.float64) for r in rows])
                if rows
                else np.zeros(0)
            )
            factors = bm25_factors(frequencies, lengths, average_length=average, parameters=self._bm25)
            unique, inverse = np.unique(ids, return_inverse=True)
            sums = np.stack(
                [
                    np.bincount(inverse, weights=factors, minlength=len(unique)),
                    np.bincount(inverse, weights=factors**2, minlength=len(unique)),
                ],
                axis=1,
            ).astype(np.float64)
            members = self._counts[number]
            mean = self._vector_sums[number] / members
            covariance = self._vector_products[number] / members - np.outer(mean, mean)
            groups.append(
                _Group(
                    kind=kind,
                    language=language,
                    count=members,
                    vector_mean=mean,
                    vector_covariance=covariance.astype(np.float32),
                    term_ids=unique.astype(np.int64),
                    document_frequencies=np.bincount(inverse, minlength=len(unique)).astype(np.int64),
                    factor_sums=sums,
                )
            )
        vocabulary = sorted(self._vocabulary, key=self._vocabulary.__getitem__)
        return CatalogueCorpus(
            document_count=count,
            average_length=average,
            dimension=self._dimension,
            vocabulary=vocabulary,
            groups=groups,
            bm25=self._bm25,
        )


def corpus_statistics(
    rows: Iterable[tuple[str, Language, Sequence[str], Vectors]], *, dimension: int
) -> CatalogueCorpus:
    """The catalogue statistics of (kind, language, terms, vector) rows, in one call."""
    accumulator = CorpusAccumulator(dimension=dimension)
    for kind, language, terms, vector in rows:
        accumulator.add(kind=kind, language=language, terms=terms, vector=vector)
    return accumulator.result()
