"""Near-duplicate listings: the same text posted twice, lightly edited or in another order."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from techbridge_core.market.shingles import jaccard, shingles

DUPLICATE_THRESHOLD = 0.6


@dataclass(frozen=True)
class ListingDocument:
    listing_id: int
    text: str


@dataclass(frozen=True)
class ShingledDocument:
    listing_id: int
    shingles: frozenset[str]


def prepare(documents: Iterable[ListingDocument]) -> tuple[ShingledDocument, ...]:
    """Shingle a pool once when many candidates are compared against it (a review page)."""
    return tuple(ShingledDocument(document.listing_id, shingles(document.text)) for document in documents)


@dataclass(frozen=True)
class DuplicateHit:
    listing_id: int
    similarity: float


def near_duplicates(
    candidate: ListingDocument,
    others: Iterable[ListingDocument | ShingledDocument],
    *,
    threshold: float = DUPLICATE_THRESHOLD,
    limit: int = 5,
) -> tuple[DuplicateHit, ...]:
    """Other listings whose shingles overlap the candidate's by at least `threshold`, best first."""
    wanted = shingles(candidate.text)
    hits = [
        DuplicateHit(other.listing_id, round(similarity, 3))
        for other in others
        if other.listing_id != candidate.listing_id
        and (similarity := jaccard(wanted, _shingles_of(other))) >= threshold
    ]
    hits.sort(key=lambda hit: (-hit.similarity, hit.listing_id))
    return tuple(hits[:limit])


def _shingles_of(document: ListingDocument | ShingledDocument) -> frozenset[str]:
    return document.shingles if isinstance(document, ShingledDocument) else shingles(document.text)
