"""`rank`: the one ranking function the platform and the benchmark both call.

Steps: hard filters -> lexical (BM25) and semantic (cosine) scores -> calibration per
candidate language -> fusion -> boosts and feedback -> broker pins -> diversity cap ->
explanations for the first results.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from techbridge_core.matching.boosts import BoostArrays, BoostWeights, boost_arrays
from techbridge_core.matching.calibration import CalibrationSettings
from techbridge_core.matching.corpus import CorpusStatistics
from techbridge_core.matching.diversity import cap_per_organisation
from techbridge_core.matching.documents import Feedback, MatchDocument, Query
from techbridge_core.matching.embedder import Embedder, Vectors
from techbridge_core.matching.explaining import explain
from techbridge_core.matching.filters import passes_filters
from techbridge_core.matching.fusion import FusionWeights
from techbridge_core.matching.pool import CandidatePool, prepare_pool
from techbridge_core.matching.results import Match, ScoreParts
from techbridge_core.matching.scoring import Evidence, Scores, SemanticSource, gather_evidence


@dataclass(frozen=True, slots=True)
class RankingSettings:
    fusion: FusionWeights = field(default_factory=FusionWeights)
    calibration: CalibrationSettings = field(default_factory=CalibrationSettings)
    boosts: BoostWeights = field(default_factory=BoostWeights)
    max_per_organisation: int | None = 3
    diversity_window: int = 10
    explain_top: int = 10
    concepts_top: int = 5
    limit: int = 100


DEFAULT_SETTINGS = RankingSettings()
NO_FEEDBACK = Feedback()


@dataclass(frozen=True, slots=True)
class Scored:
    """Every candidate that passed the filters, with its evidence and boosts."""

    pool: CandidatePool
    evidence: Evidence
    boosts: BoostArrays
    totals: Scores

    @property
    def ids(self) -> list[str]:
        return [self.pool.documents[p].id for p in self.evidence.positions]

    def id_at(self, index: int) -> str:
        return self.pool.documents[int(self.evidence.positions[index])].id


def score_candidates(
    query: Query,
    pool: CandidatePool,
    *,
    embedder: Embedder,
    feedback: Feedback = NO_FEEDBACK,
    allowed_ids: frozenset[str] | None = None,
    query_vector: Vectors | None = None,
    settings: RankingSettings = DEFAULT_SETTINGS,
    statistics: CorpusStatistics | None = None,
) -> Scored:
    """Scores of all admissible candidates, unordered: the part of `rank` before ordering."""
    positions = (
        np.arange(len(pool.documents), dtype=np.int64)
        if _unconstrained(query, feedback, allowed_ids)
        else np.array(
            [
                position
                for position, document in enumerate(pool.documents)
                if passes_filters(query, document, feedback=feedback, allowed_ids=allowed_ids)
            ],
            dtype=np.int64,
        )
    )
    evidence = gather_evidence(
        query,
        pool,
        positions,
        semantic_source=SemanticSource(embedder, query_vector),
        fusion=settings.fusion,
        calibration=settings.calibration,
        statistics=statistics,
    )
    boosts = boost_arrays(
        [pool.documents[p] for p in positions],
        today=query.today,
        feedback=feedback,
        weights=settings.boosts,
    )
    return Scored(pool=pool, evidence=evidence, boosts=boosts, totals=evidence.fused + boosts.total)


def _unconstrained(query: Query, feedback: Feedback, allowed_ids: frozenset[str] | None) -> bool:
    """True when no filter can exclude anything, so the per-listing check is skipped."""
    return (
        allowed_ids is None
        and query.kind is None
        and not (query.countries or query.technology_fields or query.exclude_ids)
        and query.trl_min is None
        and query.trl_max is None
        and not query.organisation_id
        and not (feedback.vetoed_ids or feedback.never_organisations)
    )


def rank(
    query: Query,
    candidates: CandidatePool | Sequence[MatchDocument],
    *,
    embedder: Embedder,
    feedback: Feedback = NO_FEEDBACK,
    allowed_ids: frozenset[str] | None = None,
    query_vector: Vectors | None = None,
    settings: RankingSettings = DEFAULT_SETTINGS,
    statistics: CorpusStatistics | None = None,
) -> tuple[Match, ...]:
    """Best candidates for `query`, best first, with score parts and explanations.

    `candidates` should hold only listings the user may see; `allowed_ids` narrows them
    further. Pass a prepared pool when ranking many queries against one catalogue.
    `statistics`: the whole catalogue's (`corpus.CatalogueCorpus.statistics`, for the query's
    terms) when `candidates` are a shortlist of it; BM25 weights, calibration and the shared
    terms' weights then come from the catalogue, so the shortlist ranks as the catalogue would.
    """
    pool = (
        candidates if isinstance(candidates, CandidatePool) else prepare_pool(candidates, embedder=embedder)
    )
    scored = score_candidates(
        query,
        pool,
        embedder=embedder,
        feedback=feedback,
        allowed_ids=allowed_ids,
        query_vector=query_vector,
        settings=settings,
        statistics=statistics,
    )
    order = _ordered_indices(scored, feedback, settings)
    matches = [
        Match(
            id=scored.id_at(i),
            rank=place + 1,
            score=round(float(scored.totals[i]), 6),
            parts=_parts(scored, i),
            pinned=scored.id_at(i) in feedback.pinned_ids,
            explanation=None,
        )
        for place, i in enumerate(order)
    ]
    return explain(
        query,
        pool,
        matches,
        positions=[int(scored.evidence.positions[i]) for i in order],
        evidence=scored.evidence,
        embedder=embedder,
        explain_top=settings.explain_top,
        concepts_top=settings.concepts_top,
        statistics=statistics,
    )


def _ordered_indices(scored: Scored, feedback: Feedback, settings: RankingSettings) -> list[int]:
    """The first `limit` candidate indices: pins first, then by total score, then capped."""
    by_score: list[int] = np.argsort(-scored.totals, kind="stable").tolist()
    ordered = by_score
    if feedback.pinned_ids:
        index_of = {scored.id_at(i): i for i in by_score}
        pinned = [index_of[p] for p in dict.fromkeys(feedback.pinned_ids) if p in index_of]
        chosen = set(pinned)
        ordered = pinned + [i for i in by_score if i not in chosen]
    if settings.max_per_organisation is not None:
        documents, positions = scored.pool.documents, scored.evidence.positions
        ordered = list(
            cap_per_organisation(
                ordered,
                organisation_of=lambda i: documents[positions[i]].organisation_id,
                cap=settings.max_per_organisation,
                window=settings.diversity_window,
                limit=settings.limit,
            )
        )
    return ordered[: settings.limit]


def _parts(scored: Scored, i: int) -> ScoreParts:
    evidence, boosts = scored.evidence, scored.boosts
    return ScoreParts(
        lexical=round(float(evidence.lexical[i]), 6),
        semantic=round(float(evidence.semantic[i]), 6),
        lexical_calibrated=round(float(evidence.lexical_calibrated[i]), 6),
        semantic_calibrated=round(float(evidence.semantic_calibrated[i]), 6),
        fused=round(float(evidence.fused[i]), 6),
        freshness=round(float(boosts.freshness[i]), 6),
        completeness=round(float(boosts.completeness[i]), 6),
        feedback=round(float(boosts.feedback[i]), 6),
        total=round(float(scored.totals[i]), 6),
    )
