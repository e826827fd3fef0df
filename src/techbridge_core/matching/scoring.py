"""Evidence for one query: raw lexical and semantic scores, calibrated and fused."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from techbridge_core.matching.calibration import (
    CalibrationSettings,
    standardise_by_group,
    transfer_scale,
)
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


def gather_evidence(
    query: Query,
    pool: CandidatePool,
    positions: Positions,
    *,
    semantic_source: SemanticSource,
    fusion: FusionWeights,
    calibration: CalibrationSettings,
) -> Evidence:
    language = document_language(query.fields, query.language)
    query_tokens = field_tokens(query.fields, language=language)
    lexical = pool.bm25.scores(weighted_terms(query_tokens, weights={}))[positions]
    semantic, aligned = _semantic_scores(
        query, language, pool, positions, source=semantic_source, calibration=calibration
    )
    groups = (
        np.array([LANGUAGES.index(pool.languages[p]) for p in positions], dtype=np.int64)
        if calibration.per_language_pools
        else np.zeros(positions.size, dtype=np.int64)
    )
    lexical_z = standardise_by_group(lexical, groups)
    semantic_z = standardise_by_group(aligned, groups)
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


def _semantic_scores(
    query: Query,
    language: Language,
    pool: CandidatePool,
    positions: Positions,
    *,
    source: SemanticSource,
    calibration: CalibrationSettings,
) -> tuple[Scores, Scores]:
    """Raw cosines (shown to users) and the language-aligned scores that are ranked."""
    vector = source.query_vector
    if vector is None:
        vector = query_vector(query.fields, pool_role=pool.role, embedder=source.embedder)
    raw = cosine_scores(vector, pool.vectors[positions])
    aligned = cosine_scores(pool.alignment.centre(vector, language), pool.aligned_vectors[positions])
    if not (calibration.align_symmetric_pools and pool.role == "query"):
        return raw, raw
    hubness = pool.alignment.hubness(positions, language)
    return raw, aligned - calibration.hubness_weight * hubness
