"""Issue 11 item 1b: "never this organisation" must not reveal who owns an anonymous match.

Marking an organisation (through one of its named listings) hides its named listings, but its
anonymous listings stay: otherwise marking organisations one by one would tell which one owns an
anonymous match by watching it disappear."""

from __future__ import annotations

from matching_world import MatchingWorld, build_listing, run_index

from techbridge.matching.access import candidate_listings
from techbridge.matching.domain.recommend import best_matches_for_listing
from techbridge.matching.enums import FeedbackKind
from world import client_for

HTMX = {"HX-Request": "true"}


def test_never_this_organisation_leaves_its_anonymous_listings_in_place(matching: MatchingWorld) -> None:
    named = build_listing(matching.secret_org, title={"en": "Lithium electrolyte from a named owner"})
    run_index()
    before = {
        s.listing.pk
        for s in best_matches_for_listing(
            user=matching.owner, candidates=candidate_listings(matching.owner), listing=matching.demand
        )
    }
    assert {named.pk, matching.anonymous_offer.pk} <= before
    url = f"/matching/listings/{matching.demand.pk}/best/{named.pk}/feedback/"
    response = client_for(matching.owner).post(
        url, {"kind": FeedbackKind.NEVER_THIS_ORGANISATION}, headers=HTMX
    )
    assert response.status_code == 200
    after = {
        s.listing.pk
        for s in best_matches_for_listing(
            user=matching.owner, candidates=candidate_listings(matching.owner), listing=matching.demand
        )
    }
    assert named.pk not in after
    assert matching.anonymous_offer.pk in after  # its disappearing would name its owner
    assert after == before - {named.pk}


def test_never_this_organisation_still_hides_every_named_listing_of_it(matching: MatchingWorld) -> None:
    named = build_listing(matching.partner_org, title={"en": "Lithium electrolyte, second grade"})
    run_index()
    url = f"/matching/listings/{matching.demand.pk}/best/{named.pk}/feedback/"
    client_for(matching.owner).post(url, {"kind": FeedbackKind.NEVER_THIS_ORGANISATION}, headers=HTMX)
    ids = {
        s.listing.pk
        for s in best_matches_for_listing(
            user=matching.owner, candidates=candidate_listings(matching.owner), listing=matching.demand
        )
    }
    assert not ids & {named.pk, matching.offer.pk}
