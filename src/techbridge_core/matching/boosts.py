"""Business boosts and feedback, added to the calibrated score in z-score units.

Boosts are small next to the spread of relevance (one unit is one standard deviation of
a language pool), so they reorder near-ties and never lift an unrelated listing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from techbridge_core.matching.documents import Feedback, MatchDocument

Scores = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class BoostWeights:
    freshness: float = 0.2
    freshness_half_life_days: float = 180.0
    completeness: float = 0.2
    good_match: float = 1.0
    not_relevant: float = -3.0


@dataclass(frozen=True, slots=True)
class BoostArrays:
    """Per-candidate boosts, aligned with the candidates they were computed for."""

    freshness: Scores
    completeness: Scores
    feedback: Scores

    @property
    def total(self) -> Scores:
        return self.freshness + self.completeness + self.feedback


def freshness(updated: dt.date | None, *, today: dt.date | None, half_life_days: float) -> float:
    """1.0 for a listing updated today, halving every half-life; 0.0 when unknown."""
    if updated is None or today is None:
        return 0.0
    age_days = max((today - updated).days, 0)
    return float(0.5 ** (age_days / half_life_days))


def boost_arrays(
    documents: Sequence[MatchDocument],
    *,
    today: dt.date | None,
    feedback: Feedback,
    weights: BoostWeights,
) -> BoostArrays:
    """Boosts of each document, aligned with `documents`."""
    fresh = [
        freshness(d.updated, today=today, half_life_days=weights.freshness_half_life_days) for d in documents
    ]
    complete = [min(max(d.completeness, 0.0), 1.0) for d in documents]
    said = np.zeros(len(documents), dtype=np.float64)
    if feedback.good_match_ids or feedback.not_relevant_ids:
        for index, document in enumerate(documents):
            if document.id in feedback.good_match_ids:
                said[index] += weights.good_match
            if document.id in feedback.not_relevant_ids:
                said[index] += weights.not_relevant
    return BoostArrays(
        freshness=weights.freshness * np.array(fresh, dtype=np.float64),
        completeness=weights.completeness * np.array(complete, dtype=np.float64),
        feedback=said,
    )
