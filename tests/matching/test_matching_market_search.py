"""The market's search box across languages: lexical matches in the query's language fused with
the matching engine's nearest neighbours, through the same visible queryset, counted as shown.

The hashing embedder shares nothing between Chinese and Hungarian, so the cross-lingual cases use
the glossary embedder of tests/glossary_embedder.py (shared with the alliance search tests). Only
the embedder differs; indexing, search, fusion and visibility are production code.
"""

from __future__ import annotations

from typing import Any

import pytest
from matching_world import MatchingWorld, build_listing, run_index

from glossary_embedder import FILLER_TOPICS, use_glossary_embedder
from techbridge.market.access import find_listings, listing_facets
from techbridge.market.domain.ranking import ranking_backend
from techbridge.market.domain.search import ListingFilters


@pytest.fixture
def glossary(settings: Any, matching: MatchingWorld) -> MatchingWorld:
    use_glossary_embedder(settings)
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
