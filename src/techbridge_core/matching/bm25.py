"""Okapi BM25 (Lucene's idf and length normalisation) over pre-tokenised documents.

Each posting stores its finished BM25 weight, so scoring a query is one scatter-add per
query term: about a tenth of a millisecond for 5k abstracts. The postings also keep the raw
term frequencies, so a query can be scored with another corpus's N, document frequencies and
average length (`scores_with`: the whole catalogue's, when the index holds a shortlist).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
import numpy.typing as npt

Scores = npt.NDArray[np.float64]
_Postings = tuple[npt.NDArray[np.int32], npt.NDArray[np.float64]]


class CorpusFigures(Protocol):
    """What `scores_with` needs of a corpus (`corpus.CorpusStatistics` is one)."""

    @property
    def average_length(self) -> float: ...

    def idf(self, term: str) -> float: ...


@dataclass(frozen=True, slots=True)
class Bm25Parameters:
    k1: float = 1.2
    b: float = 0.75


@dataclass(frozen=True, slots=True)
class Bm25Index:
    size: int
    postings: dict[str, _Postings]
    frequencies: dict[str, _Postings] = field(default_factory=dict)
    lengths: npt.NDArray[np.float64] = field(default_factory=lambda: np.zeros(0, dtype=np.float64))
    parameters: Bm25Parameters = field(default_factory=Bm25Parameters)

    def scores(self, query_terms: Iterable[str]) -> Scores:
        """BM25 score of every document; a repeated query term counts once."""
        result = np.zeros(self.size, dtype=np.float64)
        for term in set(query_terms):
            posting = self.postings.get(term)
            if posting is not None:
                result[posting[0]] += posting[1]
        return result

    def scores_with(self, query_terms: Iterable[str], corpus: CorpusFigures) -> Scores:
        """BM25 score of every document with the corpus's idf and average length, not this index's."""
        result = np.zeros(self.size, dtype=np.float64)
        k1, b = self.parameters.k1, self.parameters.b
        average = max(corpus.average_length, 1e-9)
        for term in set(query_terms):
            posting = self.frequencies.get(term)
            if posting is None:
                continue
            ids, tf = posting
            norms = k1 * (1 - b + b * self.lengths[ids] / average)
            result[ids] += corpus.idf(term) * tf * (k1 + 1) / (tf + norms)
        return result

    def document_frequency(self, term: str) -> int:
        posting = self.postings.get(term)
        return 0 if posting is None else len(posting[0])

    def idf(self, term: str) -> float:
        return idf(self.size, self.document_frequency(term))


def build_bm25(documents: Sequence[Sequence[str]], *, parameters: Bm25Parameters | None = None) -> Bm25Index:
    """Postings of every term, built in one vectorised pass (a shortlist's pool is built per page)."""
    chosen = parameters or Bm25Parameters()
    lengths = np.array([len(terms) for terms in documents], dtype=np.float64)
    average_length = float(lengths.mean()) if len(documents) and lengths.sum() else 1.0
    norms = chosen.k1 * (1 - chosen.b + chosen.b * lengths / average_length)
    vocabulary: dict[str, int] = {}
    positions: list[int] = []
    term_ids: list[int] = []
    counts: list[int] = []
    for position, terms in enumerate(documents):
        for term, frequency in Counter(terms).items():
            positions.append(position)
            term_ids.append(vocabulary.setdefault(term, len(vocabulary)))
            counts.append(frequency)
    order = np.argsort(np.array(term_ids, dtype=np.int64), kind="stable")  # documents stay in order
    by_term = np.array(term_ids, dtype=np.int64)[order]
    ids = np.array(positions, dtype=np.int32)[order]
    tf = np.array(counts, dtype=np.float64)[order]
    frequencies = np.bincount(by_term, minlength=len(vocabulary)).astype(np.float64)
    idfs = np.log(1 + (len(documents) - frequencies + 0.5) / (frequencies + 0.5))
    weights = idfs[by_term] * tf * (chosen.k1 + 1) / (tf + norms[ids])
    ends = np.cumsum(frequencies.astype(np.int64))
    postings: dict[str, _Postings] = {}
    raw: dict[str, _Postings] = {}
    for (term, number), end in zip(vocabulary.items(), ends.tolist(), strict=True):
        begin = end - int(frequencies[number])
        postings[term] = (ids[begin:end], weights[begin:end])
        raw[term] = (ids[begin:end], tf[begin:end])
    return Bm25Index(
        size=len(documents), postings=postings, frequencies=raw, lengths=lengths, parameters=chosen
    )


def idf(size: int, document_frequency: int) -> float:
    """Lucene's BM25 idf: never negative, highest for a term in no document."""
    return float(np.log(1 + (size - document_frequency + 0.5) / (document_frequency + 0.5)))
