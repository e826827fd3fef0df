"""Explanations: why a candidate was suggested, as labelled data.

Shared terms come from the lexical index (stems mapped back to each side's words).
Across languages there are rarely shared terms, so shared concepts are found in the
embedding space: query and candidate words that are each other's nearest neighbours.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from techbridge_core.matching.documents import MatchDocument, Query
from techbridge_core.matching.embedder import Embedder
from techbridge_core.matching.pool import FieldTokens
from techbridge_core.matching.results import Explanation, Fit, SharedConcept, SharedTerm
from techbridge_core.text.language import Language

MAX_SHARED_TERMS = 10
MAX_CONCEPT_WORDS = 12
MAX_SHARED_CONCEPTS = 5


class TermWeights(Protocol):
    """How telling a term is: a pool's BM25 index or the catalogue's `CorpusStatistics`."""

    def document_frequency(self, term: str) -> int: ...

    def idf(self, term: str) -> float: ...


def shared_terms(
    query_tokens: FieldTokens, candidate_tokens: FieldTokens, *, index: TermWeights
) -> tuple[SharedTerm, ...]:
    """Terms in both texts, rarest (most telling) first."""
    query_words = _words_by_term(query_tokens)
    candidate_words = _words_by_term(candidate_tokens)
    fields: dict[str, list[str]] = {}
    for name, tokens in candidate_tokens:
        for token in tokens:
            names = fields.setdefault(token.term, [])
            if name not in names:
                names.append(name)
    common = [term for term in query_words if term in candidate_words]
    terms = [
        SharedTerm(
            term=term,
            query_words=tuple(query_words[term]),
            candidate_words=tuple(candidate_words[term]),
            fields=tuple(fields[term]),
            weight=round(index.idf(term), 4),
        )
        for term in common
    ]
    terms.sort(key=lambda shared: (-shared.weight, shared.term))
    return tuple(terms[:MAX_SHARED_TERMS])


def _words_by_term(tokens_by_field: FieldTokens) -> dict[str, list[str]]:
    words: dict[str, list[str]] = {}
    for _, tokens in tokens_by_field:
        for token in tokens:
            surfaces = words.setdefault(token.term, [])
            if token.surface not in surfaces:
                surfaces.append(token.surface)
    return words


def telling_words(tokens_by_field: FieldTokens, *, index: TermWeights, limit: int) -> list[str]:
    """Distinct surface words, rarest terms first (unknown terms count as rarest)."""
    first_surface = {term: surfaces[0] for term, surfaces in _words_by_term(tokens_by_field).items()}
    ranked = sorted(first_surface, key=lambda term: (index.document_frequency(term), term))
    return [first_surface[term] for term in ranked if not first_surface[term].isdigit()][:limit]


def shared_concepts(
    query_words: Sequence[str], candidate_words: Sequence[str], *, embedder: Embedder
) -> tuple[SharedConcept, ...]:
    """Pairs of words that are mutual nearest neighbours in the embedding space."""
    if not query_words or not candidate_words:
        return ()
    vectors = embedder.embed([*query_words, *candidate_words], role="query")
    similarity = vectors[: len(query_words)] @ vectors[len(query_words) :].T
    best_for_query = similarity.argmax(axis=1)
    best_for_candidate = similarity.argmax(axis=0)
    pairs = [
        SharedConcept(query_words[q], candidate_words[c], round(float(similarity[q, c]), 4))
        for q, c in enumerate(best_for_query)
        if best_for_candidate[c] == q and query_words[q] != candidate_words[c]
    ]
    pairs.sort(key=lambda pair: -pair.similarity)
    return tuple(pairs[:MAX_SHARED_CONCEPTS])


def stage_fit(query: Query, document: MatchDocument) -> Fit:
    if query.trl_min is None and query.trl_max is None:
        return "any"
    return "unknown" if document.trl is None else "inside"


def country_fit(query: Query, document: MatchDocument) -> Fit:
    if not query.countries:
        return "any"
    return "inside" if document.country else "unknown"


def explanation_for(
    query: Query,
    document: MatchDocument,
    *,
    terms: tuple[SharedTerm, ...],
    concepts: tuple[SharedConcept, ...],
    languages: tuple[Language, Language],
) -> Explanation:
    fields = list(dict.fromkeys(name for term in terms for name in term.fields))
    return Explanation(
        shared_terms=terms,
        shared_concepts=concepts,
        matching_fields=tuple(fields),
        query_language=languages[0],
        candidate_language=languages[1],
        stage_fit=stage_fit(query, document),
        country_fit=country_fit(query, document),
        shared_technology_fields=tuple(sorted(query.technology_fields & document.technology_fields)),
    )
