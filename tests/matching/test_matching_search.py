"""The "matching" market ranking backend: narrows and orders, never widens."""

from __future__ import annotations

from matching_world import MatchingWorld

from techbridge.market.access import visible_listings
from techbridge.market.domain.ranking import ranking_backend, ranking_backend_names


def test_backend_is_registered_but_not_the_default() -> None:
    assert "matching" in ranking_backend_names()
    assert ranking_backend().name == "keyword"


def test_search_finds_visible_listings_only(matching: MatchingWorld) -> None:
    backend = ranking_backend("matching")
    found = list(backend.rank(visible_listings(matching.partner), query="electrolyte lithium"))
    assert matching.offer in found
    assert matching.confidential_offer not in found
    assert list(backend.rank(visible_listings(matching.partner).none(), query="electrolyte")) == []
