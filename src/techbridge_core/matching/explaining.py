"""Attach explanations to the first matches of a ranking.

Word embeddings for shared concepts are computed in one batch for all cross-language
matches that get them, since one embedder call per match would dominate latency.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from techbridge_core.matching.corpus import CorpusStatistics
from techbridge_core.matching.documents import Query
from techbridge_core.matching.embedder import Embedder
from techbridge_core.matching.explain import (
    MAX_CONCEPT_WORDS,
    explanation_for,
    shared_concepts,
    shared_terms,
    telling_words,
)
from techbridge_core.matching.pool import CandidatePool
from techbridge_core.matching.results import Match, SharedConcept
from techbridge_core.matching.scoring import Evidence
from techbridge_core.matching.words import CachedWordEmbedder


def explain(
    query: Query,
    pool: CandidatePool,
    matches: Sequence[Match],
    *,
    positions: Sequence[int],
    evidence: Evidence,
    embedder: Embedder,
    explain_top: int,
    concepts_top: int,
    statistics: CorpusStatistics | None = None,
) -> tuple[Match, ...]:
    """`positions[k]` is the pool position of `matches[k]`. With the catalogue's `statistics`
    (which hold the query's terms), the query's words and the shared terms are weighed by the
    catalogue's idf; a candidate's own words (for concepts) by the pool's."""
    words = CachedWordEmbedder(embedder)
    weights = pool.bm25 if statistics is None else statistics
    query_words = telling_words(evidence.query_tokens, index=weights, limit=MAX_CONCEPT_WORDS)
    explained = []
    for place, (match, position) in enumerate(zip(matches, positions, strict=True)):
        if place >= explain_top:
            explained.append(match)
            continue
        candidate_language = pool.languages[position]
        concepts: tuple[SharedConcept, ...] = ()
        if place < concepts_top and candidate_language != evidence.query_language:
            candidate_words = telling_words(pool.tokens[position], index=pool.bm25, limit=MAX_CONCEPT_WORDS)
            concepts = shared_concepts(query_words, candidate_words, embedder=words)
        explanation = explanation_for(
            query,
            pool.documents[position],
            terms=shared_terms(evidence.query_tokens, pool.tokens[position], index=weights),
            concepts=concepts,
            languages=(evidence.query_language, candidate_language),
        )
        explained.append(dataclasses.replace(match, explanation=explanation))
    return tuple(explained)
