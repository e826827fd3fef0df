"""The market's search box across languages: lexical matches in the query's language fused with
the matching engine's nearest neighbours, through the same visible queryset, counted as shown.

The hashing embedder shares nothing between Chinese and Hungarian, so the cross-lingual cases use
a glossary embedder: the hashing embedder over texts whose known parallel terms are replaced by one
shared word. Only the embedder differs; indexing, search, fusion and visibility are production code.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
from matching_world import MatchingWorld, build_listing, run_index

from techbridge.market.access import find_listings, listing_facets
from techbridge.market.domain.ranking import ranking_backend
from techbridge.market.domain.search import ListingFilters
from techbridge.matching.domain.embedders import register_embedder
from techbridge_core.embedding.hashing import HashingEmbedder
from techbridge_core.matching import EmbeddingRole, Vectors
from techbridge_core.text import normalise

GLOSSARY = {
    "szilárdtest": "solidstate",
    "solid-state": "solidstate",
    "固态": "solidstate",
    "akkumulátor": "battery",
    "电池": "battery",
    "elektrolit": "electrolyte",
    "电解质": "electrolyte",
}
FILLER_TOPICS = (
    "Vineyard irrigation scheduling",
    "Cheese ripening cellar sensors",
    "Bridge cable inspection drones",
    "Hospital laundry logistics",
    "Wooden furniture surface finish",
    "Violin varnish restoration",
    "Poultry feed enzyme blend",
    "Railway ticket vending kiosk",
    "Textile dye wastewater filter",
    "Orchard frost warning radio",
    "Brewery yeast propagation tank",
    "Museum humidity archive boxes",
    "Ski lift rope grease",
    "Bakery oven steam injector",
    "Football turf drainage mat",
    "Honey moisture refractometer",
    "Glass bottle washing line",
    "Tram door pressure seal",
    "Paper mill felt cleaner",
    "Fish farm oxygen diffuser",
    "Printing press ink roller",
    "Beekeeping hive scale",
    "Church organ pipe tuner",
    "Parking garage ventilation fan",
)


class GlossaryEmbedder:
    """Known parallel terms become one word, then the tiny hashing embedder."""

    def __init__(self) -> None:
        self._inner = HashingEmbedder()

    @property
    def name(self) -> str:
        return "glossary-test"

    @property
    def dimension(self) -> int:
        return self._inner.dimension

    def embed(self, texts: Sequence[str], *, role: EmbeddingRole) -> Vectors:
        return self._inner.embed([self._canonical(text) for text in texts], role=role)

    @staticmethod
    def _canonical(text: str) -> str:
        folded = normalise(text)
        for term, shared in GLOSSARY.items():
            folded = folded.replace(term, f" {shared} ")
        return folded


register_embedder("glossary", GlossaryEmbedder)


@pytest.fixture
def glossary(settings: Any, matching: MatchingWorld) -> MatchingWorld:
    settings.TECHBRIDGE_EMBEDDER = "glossary"
    return matching


def _with_catalogue(world: MatchingWorld) -> dict[str, object]:
    """A Chinese solid-state battery demand, a Hungarian offer and unrelated listings (the
    calibration needs a catalogue to tell a near neighbour from the usual similarity)."""
    listings = {
        "chinese": build_listing(
            world.partner_org,
            kind="demand",
            title={"zh-hans": "寻求固态电池电解质技术"},
            summary={"zh-hans": "我们需要用于固态电池的电解质"},
            description={},
        ),
        "hungarian": build_listing(
            world.partner_org,
            title={"hu": "Szilárdtest akkumulátorok gyártása"},
            summary={"hu": "Új eljárás szilárdtest akkumulátorok elektrolitjához."},
            description={},
        ),
    }
    for number, topic in enumerate(FILLER_TOPICS):
        listings[f"filler{number}"] = build_listing(
            world.partner_org,
            title={"en": topic},
            summary={"en": topic + " for small firms."},
            description={},
        )
    run_index()
    return listings


def _found(world: MatchingWorld, user: object, query: str) -> list[object]:
    return list(find_listings(user, ListingFilters(q=query)))  # type: ignore[arg-type]


def test_the_matching_backend_is_the_default() -> None:
    assert ranking_backend().name == "matching"


def test_a_hungarian_query_finds_a_chinese_listing(glossary: MatchingWorld) -> None:
    listings = _with_catalogue(glossary)
    found = _found(glossary, glossary.outsider, "szilárdtest akkumulátor")
    assert listings["chinese"] in found
    assert listings["hungarian"] in found
    assert not any(listings[f"filler{n}"] in found for n in range(len(FILLER_TOPICS)))


def test_lexical_search_alone_does_not_cross_languages(glossary: MatchingWorld) -> None:
    listings = _with_catalogue(glossary)
    found = list(
        ranking_backend("keyword").rank(
            find_listings(glossary.outsider, ListingFilters()), query="szilárdtest akkumulátor"
        )
    )
    assert listings["chinese"] not in found
    assert listings["hungarian"] in found


def test_confidential_listings_never_come_back(glossary: MatchingWorld) -> None:
    _with_catalogue(glossary)
    for user in (glossary.partner, glossary.outsider, glossary.owner):
        found = _found(glossary, user, "elektrolit akkumulátor")
        assert glossary.confidential_offer not in found
        assert found  # the query does find the visible electrolyte listings


def test_facet_totals_count_the_results_shown(glossary: MatchingWorld) -> None:
    _with_catalogue(glossary)
    for query in ("szilárdtest akkumulátor", "electrolyte", "电池", "nothing like this at all"):
        filters = ListingFilters(q=query)
        found = list(find_listings(glossary.partner, filters))
        summary = listing_facets(glossary.partner, filters)
        assert summary.total == len(found)
        assert sum(count for _, count in summary.facets["kind"]) == len(found)


def test_unrelated_listings_do_not_pad_the_results(glossary: MatchingWorld) -> None:
    # A query sharing no word and no meaning with any listing (Greek letters: the hashing
    # embedder's features never meet the catalogue's): the nearest listings stay below the floor.
    _with_catalogue(glossary)
    assert _found(glossary, glossary.partner, "ψυχή ξύλο") == []


def test_chinese_substrings_still_match(matching: MatchingWorld) -> None:
    # "电池" is inside the jieba word "锂电池" of the offer's Chinese title.
    assert matching.offer in _found(matching, matching.partner, "电池")
    keyword = ranking_backend("keyword")
    assert matching.offer in keyword.rank(find_listings(matching.partner, ListingFilters()), query="电池")


def test_unaccented_and_inflected_hungarian_match(matching: MatchingWorld) -> None:
    offer = build_listing(
        matching.partner_org, title={"hu": "Szilárdtest akkumulátorok gyártása"}, summary={}, description={}
    )
    keyword = ranking_backend("keyword")
    visible = find_listings(matching.partner, ListingFilters())
    for query in ("akkumulator", "akkumulátor", "AKKUMULÁTOROK", "szilardtest akkumulatorokat"):
        assert offer in keyword.rank(visible, query=query), query
        assert offer in _found(matching, matching.partner, query), query


def test_english_stems_match_other_forms(matching: MatchingWorld) -> None:
    # "batteries" is stored; "battery" and "Batteries" both find it.
    for query in ("battery", "Batteries", "lithium battery"):
        assert matching.offer in _found(matching, matching.partner, query), query
