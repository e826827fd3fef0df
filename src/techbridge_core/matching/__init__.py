"""Matching listings across languages: BM25 + multilingual embeddings, calibrated per
language, fused, filtered, boosted and explained. Entry point: `rank`.
"""

from techbridge_core.matching.boosts import BoostWeights
from techbridge_core.matching.documents import Feedback, MatchDocument, Query, as_fields
from techbridge_core.matching.embedder import Embedder, EmbeddingRole, Vectors
from techbridge_core.matching.fusion import FusionWeights
from techbridge_core.matching.pool import CandidatePool, prepare_pool
from techbridge_core.matching.ranking import RankingSettings, rank
from techbridge_core.matching.results import (
    Explanation,
    Match,
    ScoreParts,
    SharedConcept,
    SharedTerm,
)
from techbridge_core.matching.semantic import query_vector

__all__ = [
    "BoostWeights",
    "CandidatePool",
    "Embedder",
    "EmbeddingRole",
    "Explanation",
    "Feedback",
    "FusionWeights",
    "Match",
    "MatchDocument",
    "Query",
    "RankingSettings",
    "ScoreParts",
    "SharedConcept",
    "SharedTerm",
    "Vectors",
    "as_fields",
    "prepare_pool",
    "query_vector",
    "rank",
]
