"""Okapi BM25 (Lucene's idf and length normalisation) over pre-tokenised documents.

Each posting stores its finished BM25 weight, so scoring a query is one scatter-add per
query term: about a tenth of a millisecond for 5k abstracts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Scores = npt.NDArray[np.float64]
_Postings = tuple[npt.NDArray[np.int32], npt.NDArray[np.float64]]


@dataclass(frozen=True, slots=True)
class Bm25Parameters:
    k1: float = 1.2
    b: float = 0.75


@dataclass(frozen=True, slots=True)
class Bm25Index:
    size: int
    postings: dict[str, _Postings]

    def scores(self, query_terms: Iterable[str]) -> Scores:
        """BM25 score of every document; a repeated query term counts once."""
        result = np.zeros(self.size, dtype=np.float64)
        for term in set(query_terms):
            posting = self.postings.get(term)
            if posting is not None:
                result[posting[0]] += posting[1]
        return result

    def document_frequency(self, term: str) -> int:
        posting = self.postings.get(term)
        return 0 if posting is None else len(posting[0])

    def idf(self, term: str) -> float:
        return _idf(self.size, self.document_frequency(term))


def build_bm25(documents: Sequence[Sequence[str]], *, parameters: Bm25Parameters | None = None) -> Bm25Index:
    chosen = parameters or Bm25Parameters()
    lengths = np.array([len(terms) for terms in documents], dtype=np.float64)
    average_length = float(lengths.mean()) if len(documents) and lengths.sum() else 1.0
    norms = chosen.k1 * (1 - chosen.b + chosen.b * lengths / average_length)
    collected: dict[str, tuple[list[int], list[int]]] = {}
    for position, terms in enumerate(documents):
        for term, frequency in Counter(terms).items():
            ids, frequencies = collected.setdefault(term, ([], []))
            ids.append(position)
            frequencies.append(frequency)
    postings: dict[str, _Postings] = {}
    for term, (ids, frequencies) in collected.items():
        id_array = np.array(ids, dtype=np.int32)
        tf = np.array(frequencies, dtype=np.float64)
        weight = _idf(len(documents), len(ids)) * tf * (chosen.k1 + 1) / (tf + norms[id_array])
        postings[term] = (id_array, weight)
    return Bm25Index(size=len(documents), postings=postings)


def _idf(size: int, document_frequency: int) -> float:
    return float(np.log(1 + (size - document_frequency + 0.5) / (document_frequency + 0.5)))
