"""Matching listings across languages: BM25 + multilingual embeddings, calibrated per
language, fused, filtered, boosted and explained. Entry point: `rank`.
"""

from techbridge_core.matching.boosts import BoostWeights
from techbridge_core.matching.corpus import (
    CatalogueCorpus,
    CorpusAccumulator,
    CorpusStatistics,
    LanguageStatistics,
    TermStatistics,
)
from techbridge_core.matching.documents import Feedback, MatchDocument, Query, as_fields
from techbridge_core.matching.embedder import Embedder, EmbeddingRole, Vectors
from techbridge_core.matching.fusion import FusionWeights
from techbridge_core.matching.pool import CandidatePool, TokenisedText, prepare_pool, tokenise_document
from techbridge_core.matching.ranking import RankingSettings, rank
from techbridge_core.matching.results import (
    Explanation,
    Match,
    ScoreParts,
    SharedConcept,
    SharedTerm,
)
from techbridge_core.matching.scoring import query_terms
from techbridge_core.matching.semantic import query_vector

__all__ = [
    "BoostWeights",
    "CandidatePool",
    "CatalogueCorpus",
    "CorpusAccumulator",
    "CorpusStatistics",
    "Embedder",
    "EmbeddingRole",
    "Explanation",
    "Feedback",
    "FusionWeights",
    "LanguageStatistics",
    "Match",
    "MatchDocument",
    "Query",
    "RankingSettings",
    "ScoreParts",
    "SharedConcept",
    "SharedTerm",
    "TermStatistics",
    "TokenisedText",
    "Vectors",
    "as_fields",
    "prepare_pool",
    "query_terms",
    "query_vector",
    "rank",
    "tokenise_document",
]
