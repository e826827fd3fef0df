"""Listings as the matching core sees them: MatchDocuments built from every language's text."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping

from django.utils.html import strip_tags

from techbridge.market.models import Listing
from techbridge_core.matching import MatchDocument, as_fields
from techbridge_core.matching.documents import Fields
from techbridge_core.matching.pool import embedding_text

CORE_KIND = {
    "offer": "offer",
    "demand": "demand",
    "rd_cooperation": "rnd_request",
    "capital": "capital",
    "expertise": "expertise",
    "service": "service",
}
MARKET_KIND = {core: market for market, core in CORE_KIND.items()}


def _translations(value: Mapping[str, str] | None, *, html: bool = False) -> Iterable[str]:
    for text in (value or {}).values():
        yield strip_tags(text) if html else text


def listing_fields(listing: Listing) -> Fields:
    """Title, keywords, summary and description in all their languages (HTML removed)."""
    pairs: list[tuple[str, str]] = [("title", text) for text in _translations(listing.title)]
    pairs.append(("keywords", ", ".join(str(keyword) for keyword in listing.keywords or ())))
    pairs += [("summary", text) for text in _translations(listing.summary)]
    pairs += [("description", text) for text in _translations(listing.description, html=True)]
    return as_fields(pairs)


def listing_text_hash(listing: Listing, *, model_name: str) -> str:
    """Changes whenever the embedded text or the model changes, so nothing else is re-embedded."""
    text = embedding_text(listing_fields(listing))
    return hashlib.sha256(f"{model_name}\n{text}".encode()).hexdigest()


def _completeness(listing: Listing) -> float:
    present = [
        bool(listing.summary),
        bool(listing.description),
        bool(listing.keywords),
        bool(listing.country),
    ]
    return sum(present) / len(present)


def listing_document(listing: Listing, *, technology_codes: Iterable[str] = ()) -> MatchDocument:
    return MatchDocument(
        id=str(listing.pk),
        kind=CORE_KIND.get(listing.kind, listing.kind),
        fields=listing_fields(listing),
        organisation_id=str(listing.owner_organisation_id),
        country=listing.country,
        technology_fields=frozenset(technology_codes),
        trl=listing.trl,
        centre=str(listing.centre_id or ""),
        updated=listing.updated_at.date() if listing.updated_at else None,
        completeness=_completeness(listing),
    )
