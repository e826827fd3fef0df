"""Investors for a technology offer: capital offers in their own section, fitting ones first,
never a hidden one, and never mixed into the offer's best matches."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from matching_world import MatchingWorld, build_listing, run_index

from techbridge.market.models import Listing
from techbridge.matching.access import candidate_listings
from techbridge.matching.domain.investors import suggested_investors
from world import client_for

HTMX = {"HX-Request": "true"}
INVESTMENT = {"en": "Investment in lithium battery electrolyte companies"}


@pytest.fixture
def investors(matching: MatchingWorld) -> dict[str, Listing]:
    offer = build_listing(matching.partner_org, stage="lab_tested", country="HU")
    capital: dict[str, Listing] = {
        "offer": offer,
        "fits": build_listing(
            matching.owner_org,
            kind="capital",
            title=INVESTMENT,
            investment_stages=["early"],
            target_countries=["HU"],
            ticket_min=100_000,
            ticket_max=2_000_000,
        ),
        "outside": build_listing(
            matching.owner_org,
            kind="capital",
            title={"en": "Late-stage investment in lithium battery electrolyte makers"},
            investment_stages=["late"],
            target_countries=["CN"],
        ),
        "hidden": build_listing(
            matching.secret_org, kind="capital", title=INVESTMENT, visibility="confidential"
        ),
        "draft": build_listing(matching.owner_org, kind="capital", title=INVESTMENT, publish=False),
    }
    run_index()
    return capital


def _section(user: Any, offer: Listing, name: str) -> str:
    response = client_for(user).get(f"/matching/listings/{offer.pk}/{name}/")
    assert response.status_code == 200
    return response.content.decode()


def test_capital_offers_fit_by_stage_and_country(
    matching: MatchingWorld, investors: dict[str, Listing]
) -> None:
    found = suggested_investors(
        user=matching.partner, candidates=candidate_listings(matching.partner), offer=investors["offer"]
    )
    assert [i.listing.pk for i in found] == [investors["fits"].pk, investors["outside"].pk]
    fits, outside = found
    assert (fits.stage_fit, fits.region_fit, fits.offer_stages) == ("inside", "inside", ("early",))
    assert (outside.stage_fit, outside.region_fit) == ("outside", "outside")
    assert fits.suggestion.match.explanation is not None


def test_investor_section_lists_capital_never_hidden_ones(
    matching: MatchingWorld, investors: dict[str, Listing]
) -> None:
    html = _section(matching.partner, investors["offer"], "investors")
    assert f"/market/listings/{investors['fits'].pk}/" in html
    assert f"/market/listings/{investors['outside'].pk}/" in html
    assert f"/market/listings/{investors['hidden'].pk}/" not in html
    assert f"/market/listings/{investors['draft'].pk}/" not in html
    assert "Hidden Anode Holdings" not in html
    assert "fits this offer&#x27;s stage" in html or "fits this offer's stage" in html
    assert (
        "does not include this offer&#x27;s country" in html
        or "does not include this offer's country" in html
    )
    assert "100000" in html
    assert f"/market/listings/{matching.demand.pk}/" not in html


def test_best_matches_of_an_offer_leave_investors_to_their_section(
    matching: MatchingWorld, investors: dict[str, Listing]
) -> None:
    html = _section(matching.partner, investors["offer"], "best")
    assert f"/market/listings/{matching.demand.pk}/" in html
    assert f"/market/listings/{investors['fits'].pk}/" not in html


def test_offer_page_loads_the_investor_section_for_managers(
    matching: MatchingWorld, investors: dict[str, Listing]
) -> None:
    url = f"/market/listings/{investors['offer'].pk}/"
    assert "/investors/" in client_for(matching.partner).get(url).content.decode()
    assert "/investors/" not in client_for(matching.outsider).get(url).content.decode()
    demand_page = client_for(matching.owner).get(f"/market/listings/{matching.demand.pk}/").content.decode()
    assert "/investors/" not in demand_page


def test_investors_are_404_for_hidden_offers_other_kinds_and_outsiders(
    matching: MatchingWorld, investors: dict[str, Listing]
) -> None:
    assert (
        client_for(matching.outsider)
        .get(f"/matching/listings/{investors['offer'].pk}/investors/")
        .status_code
        == 404
    )
    assert (
        client_for(matching.owner).get(f"/matching/listings/{matching.demand.pk}/investors/").status_code
        == 404
    )
    hidden = client_for(matching.owner).get(f"/matching/listings/{matching.confidential_offer.pk}/investors/")
    assert hidden.status_code == 404


def test_feedback_on_an_investor_refreshes_the_investor_section(
    matching: MatchingWorld, investors: dict[str, Listing]
) -> None:
    url = f"/matching/listings/{investors['offer'].pk}/best/{investors['fits'].pk}/feedback/"
    response = client_for(matching.partner).post(url, {"kind": "not_relevant"}, headers=HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="investors"' in html
    assert 'aria-pressed="true"' in html


def test_investor_query_count_does_not_grow_with_candidates(
    matching: MatchingWorld, investors: dict[str, Listing]
) -> None:
    client = client_for(matching.partner)
    url = f"/matching/listings/{investors['offer'].pk}/investors/"
    client.get(url)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    before = count()
    for number in range(3):
        build_listing(matching.owner_org, kind="capital", title={"en": f"Lithium fund {number}"})
    run_index()
    # New candidates' documents are read once per process: two queries, however many they are.
    assert count() <= before + 2
    assert count() == before
