"""What `rank` returns: labelled data for the interface to render, never prose."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from techbridge_core.text.language import Language

Fit = Literal["any", "inside", "unknown"]
"""`any`: the query set no constraint; `inside`: within it; `unknown`: the listing lacks it."""


@dataclass(frozen=True, slots=True)
class SharedTerm:
    """An index term in both texts, with the words as each side wrote them."""

    term: str
    query_words: tuple[str, ...]
    candidate_words: tuple[str, ...]
    fields: tuple[str, ...]
    weight: float


@dataclass(frozen=True, slots=True)
class SharedConcept:
    """A query word and a candidate word the embedding space puts together (any language)."""

    query_word: str
    candidate_word: str
    similarity: float


@dataclass(frozen=True, slots=True)
class ScoreParts:
    """Raw evidence, its calibrated form and the additions that make up `total`."""

    lexical: float
    semantic: float
    lexical_calibrated: float
    semantic_calibrated: float
    fused: float
    freshness: float
    completeness: float
    feedback: float
    total: float


@dataclass(frozen=True, slots=True)
class Explanation:
    shared_terms: tuple[SharedTerm, ...]
    shared_concepts: tuple[SharedConcept, ...]
    matching_fields: tuple[str, ...]
    query_language: Language
    candidate_language: Language
    stage_fit: Fit
    country_fit: Fit
    shared_technology_fields: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Match:
    id: str
    rank: int
    score: float
    parts: ScoreParts
    pinned: bool
    explanation: Explanation | None
