"""Evidence for one query: raw lexical and semantic scores, calibrated and fused."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from techbridge_core.matching.calibration import (
    CalibrationSettings,
    standardise_by_group,
    standardise_by_moments,
    transfer_scale,
)
from techbridge_core.matching.corpus import CorpusStatistics, Moments, combine_moments
from techbridge_core.matching.documents import Query
from techbridge_core.matching.embedder import Embedder, Vectors
from techbridge_core.matching.fusion import FusionWeights, weighted_fusion
from techbridge_core.matching.pool import CandidatePool, FieldTokens, document_language
from techbridge_core.matching.semantic import cosine_scores, query_vector
from techbridge_core.text.fields import field_tokens, weighted_terms
from techbridge_core.text.language import LANGUAGES, Language

Scores = npt.NDArray[np.float64]
Positions = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class Evidence:
    """Per-candidate arrays, aligned with `positions` (indices into the pool)."""

    positions: Positions
    lexical: Scores
    semantic: Scores
    lexical_calibrated: Scores
    semantic_calibrated: Scores
    fused: Scores
    query_tokens: FieldTokens
    query_language: Language


@dataclass(frozen=True, slots=True)
class SemanticSource:
    embedder: Embedder
    query_vector: Vectors | None = None


def query_terms(query: Query) -> tuple[str, ...]:
    """The BM25 terms `rank` scores `query` with: the terms whose catalogue statistics it needs."""
    language = document_language(query.fields, query.language)
    return weighted_terms(field_tokens(query.fields, language=language), weights={})


def gather_evidence(
    query: Query,
    pool: CandidatePool,
    positions: Positions,
    *,
    semantic_source: SemanticSource,
    fusion: FusionWeights,
    calibration: CalibrationSettings,
    statistics: CorpusStatistics | None = None,
) -> Evidence:
    """With `statistics` (the whole catalogue's), BM25 and the calibration read the catalogue's
    figures, so each candidate's evidence is the same whichever other candidates are in `pool`;
    without, they come from the pool (a pool that is the whole corpus, as in the benchmark)."""
    language = document_language(query.fields, query.language)
    query_tokens = field_tokens(query.fields, language=language)
    terms = weighted_terms(query_tokens, weights={})
    vector = semantic_source.query_vector
    if vector is None:
        vector = query_vector(query.fields, pool_role=pool.role, embedder=semantic_source.embedder)
    semantic, aligned = _semantic_scores(vector, language, pool, positions, calibration=calibration)
    groups = (
        np.array([LANGUAGES.index(pool.languages[p]) for p in positions], dtype=np.int64)
        if calibration.per_language_pools
        else np.zeros(positions.size, dtype=np.int64)
    )
    if statistics is None:
        lexical = pool.bm25.scores(terms)[positions]
        lexical_z = standardise_by_group(lexical, groups)
        semantic_z = standardise_by_group(aligned, groups)
    else:
        if _aligns(pool, calibration):
            message = (
                "catalogue statistics describe plain passage vectors, not a symmetric pool's aligned ones"
            )
            raise ValueError(message)
        lexical = pool.bm25.scores_with(terms, statistics)[positions]
        per_pool = calibration.per_language_pools
        lexical_z = standardise_by_moments(
            lexical, groups, _group_moments(statistics.lexical_moments(terms), per_language=per_pool)
        )
        semantic_z = standardise_by_moments(
            aligned, groups, _group_moments(statistics.semantic_moments(vector), per_language=per_pool)
        )
    same_language = np.array([pool.languages[p] == language for p in positions], dtype=np.bool_)
    fused = weighted_fusion(
        lexical=lexical_z, semantic=semantic_z, weights=fusion, same_language=same_language
    )
    if calibration.per_language_pools:
        fused = transfer_scale(fused, semantic_z, groups)
    return Evidence(
        positions=positions,
        lexical=lexical,
        semantic=semantic,
        lexical_calibrated=lexical_z,
        semantic_calibrated=semantic_z,
        fused=fused,
        query_tokens=query_tokens,
        query_language=language,
    )


def _aligns(pool: CandidatePool, calibration: CalibrationSettings) -> bool:
    return calibration.align_symmetric_pools and pool.role == "query"


def _group_moments(moments: dict[Language, Moments], *, per_language: bool) -> dict[int, Moments]:
    """The catalogue's moments keyed like `gather_evidence`'s groups."""
    if per_language:
        return {LANGUAGES.index(language): m for language, m in moments.items()}
    combined = combine_moments(moments.values())
    return {} if combined is None else {0: combined}


def _semantic_scores(
    vector: Vectors,
    language: Language,
    pool: CandidatePool,
    positions: Positions,
    *,
    calibration: CalibrationSettings,
) -> tuple[Scores, Scores]:
    """Raw cosines (shown to users) and the language-aligned scores that are ranked."""
    raw = cosine_scores(vector, pool.vectors[positions])
    if not _aligns(pool, calibration):
        return raw, raw
    aligned = cosine_scores(pool.alignment.centre(vector, language), pool.aligned_vectors[positions])
    hubness = pool.alignment.hubness(positions, language)
    return raw, aligned - calibration.hubness_weight * hubness
