"""Best matches: only visible complementary listings, anonymous owners hidden, feedback and broker decisions."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from matching_world import MatchingWorld, build_listing, run_index

from factories import make_organisation
from techbridge.matching.access import candidate_listings
from techbridge.matching.domain.recommend import best_matches_for_listing
from techbridge.matching.enums import FeedbackKind
from techbridge.matching.models import MatchDecision, MatchFeedback
from world import client_for

HTMX = {"HX-Request": "true"}


def _partial(world: MatchingWorld, user: object, listing_pk: int | None = None) -> str:
    response = client_for(user).get(f"/matching/listings/{listing_pk or world.demand.pk}/best/")  # type: ignore[arg-type]
    assert response.status_code == 200
    return response.content.decode()


def test_matches_are_complementary_visible_and_explained(matching: MatchingWorld) -> None:
    suggestions = best_matches_for_listing(
        user=matching.owner, candidates=candidate_listings(matching.owner), listing=matching.demand
    )
    ids = [s.listing.pk for s in suggestions]
    assert matching.offer.pk in ids
    assert matching.anonymous_offer.pk in ids
    assert matching.confidential_offer.pk not in ids
    assert matching.demand.pk not in ids
    assert all(s.listing.kind in {"offer", "expertise", "service"} for s in suggestions)
    assert suggestions[0].match.explanation is not None


def test_confidential_listing_never_appears_and_anonymous_owner_is_never_named(
    matching: MatchingWorld,
) -> None:
    for user in (matching.owner, matching.operator):
        html = _partial(matching, user)
        assert f"/market/listings/{matching.confidential_offer.pk}/" not in html
        assert "Hidden Anode Holdings" not in html
        assert "Partner Cells Ltd" in html
        assert "Why this match?" in html
        assert "Anonymous owner" in html


def test_own_organisation_listings_are_never_suggested(matching: MatchingWorld) -> None:
    own_offer = build_listing(matching.owner_org)
    run_index()
    ids = {
        s.listing.pk
        for s in best_matches_for_listing(
            user=matching.owner, candidates=candidate_listings(matching.owner), listing=matching.demand
        )
    }
    assert own_offer.pk not in ids


def test_never_this_organisation_removes_its_listings(matching: MatchingWorld) -> None:
    second = build_listing(matching.partner_org, title={"en": "Lithium electrolyte, second grade"})
    run_index()
    client = client_for(matching.owner)
    url = f"/matching/listings/{matching.demand.pk}/best/{matching.offer.pk}/feedback/"
    response = client.post(url, {"kind": FeedbackKind.NEVER_THIS_ORGANISATION}, headers=HTMX)
    assert response.status_code == 200
    assert "Partner Cells Ltd" not in response.content.decode()
    ids = {
        s.listing.pk
        for s in best_matches_for_listing(
            user=matching.owner, candidates=candidate_listings(matching.owner), listing=matching.demand
        )
    }
    assert not ids & {matching.offer.pk, second.pk}
    assert matching.anonymous_offer.pk in ids


def test_never_this_organisation_is_refused_for_an_anonymous_owner(matching: MatchingWorld) -> None:
    client = client_for(matching.owner)
    url = f"/matching/listings/{matching.demand.pk}/best/{matching.anonymous_offer.pk}/feedback/"
    response = client.post(url, {"kind": FeedbackKind.NEVER_THIS_ORGANISATION})
    assert response.status_code == 422
    assert not MatchFeedback.objects.exists()
    assert "Hidden Anode Holdings" not in response.content.decode()


def test_feedback_needs_csrf(matching: MatchingWorld) -> None:
    client = client_for(matching.owner)
    client.handler.enforce_csrf_checks = True
    url = f"/matching/listings/{matching.demand.pk}/best/{matching.offer.pk}/feedback/"
    assert client.post(url, {"kind": FeedbackKind.GOOD}).status_code == 403


def test_a_broker_veto_removes_and_a_pin_promotes(matching: MatchingWorld) -> None:
    client = client_for(matching.operator)
    base = f"/matching/listings/{matching.demand.pk}/best/"
    assert client.post(f"{base}{matching.offer.pk}/decision/", {"kind": "veto"}).status_code == 302
    ids = [
        s.listing.pk
        for s in best_matches_for_listing(
            user=matching.owner, candidates=candidate_listings(matching.owner), listing=matching.demand
        )
    ]
    assert matching.offer.pk not in ids
    assert (
        client.post(
            f"{base}{matching.anonymous_offer.pk}/decision/", {"kind": "pin"}, headers=HTMX
        ).status_code
        == 200
    )
    first = best_matches_for_listing(
        user=matching.owner, candidates=candidate_listings(matching.owner), listing=matching.demand
    )[0]
    assert first.listing.pk == matching.anonymous_offer.pk
    assert first.match.pinned


def test_only_brokers_decide(matching: MatchingWorld) -> None:
    url = f"/matching/listings/{matching.demand.pk}/best/{matching.offer.pk}/decision/"
    assert client_for(matching.owner).post(url, {"kind": "veto"}).status_code == 422
    refused = client_for(matching.owner).post(url, {"kind": "veto"}, headers=HTMX)
    assert refused.status_code == 200
    assert 'role="alert"' in refused.content.decode()
    assert not MatchDecision.objects.exists()


@pytest.mark.parametrize("who", ["outsider", "partner", "anonymous"])
def test_matches_of_a_visible_listing_are_shown_but_only_managers_act_on_them(
    matching: MatchingWorld, who: str
) -> None:
    user = None if who == "anonymous" else getattr(matching, who)
    confidential = f"/matching/listings/{matching.confidential_offer.pk}/best/"
    demand = f"/matching/listings/{matching.demand.pk}/best/"
    feedback = f"/matching/listings/{matching.demand.pk}/best/{matching.offer.pk}/feedback/"
    client = client_for(user)
    if user is None:
        assert client.get(demand).status_code == 302  # to the login page
        return
    shown = client.get(demand)
    assert client.get(confidential).status_code == 404
    assert shown.status_code == 200  # any signed-in user sees the matches of what they may see
    assert "match-actions" not in shown.content.decode()
    assert client.post(feedback, {"kind": "good"}).status_code == 404


def test_feedback_on_a_hidden_candidate_is_404(matching: MatchingWorld) -> None:
    url = f"/matching/listings/{matching.demand.pk}/best/{matching.confidential_offer.pk}/feedback/"
    assert client_for(matching.owner).post(url, {"kind": "good"}).status_code == 404


def test_partial_query_count_does_not_grow_with_candidates(matching: MatchingWorld) -> None:
    client = client_for(matching.owner)
    url = f"/matching/listings/{matching.demand.pk}/best/"
    client.get(url)  # warm caches (sessions, content types)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    before = count()
    for number in range(4):
        build_listing(make_organisation(), title={"en": f"Lithium electrolyte number {number}"})
    run_index()
    # New candidates' documents are read once per process: two queries, however many they are.
    assert count() <= before + 2
    assert count() == before


def test_listing_page_loads_best_matches_lazily_for_signed_in_users(matching: MatchingWorld) -> None:
    page = f"/market/listings/{matching.demand.pk}/"
    partial = f"/matching/listings/{matching.demand.pk}/best/"
    assert partial in client_for(matching.owner).get(page).content.decode()
    assert partial in client_for(matching.operator).get(page).content.decode()
    offer_page = client_for(matching.outsider).get(f"/market/listings/{matching.offer.pk}/").content.decode()
    assert f"/matching/listings/{matching.offer.pk}/best/" in offer_page
    assert "/investors/" not in offer_page  # investors and experts stay with owners and brokers
    assert "/best/" not in client_for(None).get(f"/market/listings/{matching.offer.pk}/").content.decode()


def test_for_you_page_lists_matches_for_own_listings(matching: MatchingWorld) -> None:
    html = client_for(matching.owner).get("/matching/for-you/").content.decode()
    assert f"/market/listings/{matching.offer.pk}/" in html
    assert "Hidden Anode Holdings" not in html
    assert f"/market/listings/{matching.confidential_offer.pk}/" not in html


def test_cached_pools_never_carry_a_listing_to_someone_who_may_not_see_it(matching: MatchingWorld) -> None:
    shared = build_listing(matching.secret_org, visibility="confidential", shared_with=[matching.partner_org])
    partner_demand = build_listing(
        matching.partner_org, kind="demand", title={"en": "Wanted: lithium electrolyte"}
    )
    run_index()

    owner_ids = {
        s.listing.pk
        for s in best_matches_for_listing(
            user=matching.owner, candidates=candidate_listings(matching.owner), listing=matching.demand
        )
    }
    partner_ids = {
        s.listing.pk
        for s in best_matches_for_listing(
            user=matching.partner, candidates=candidate_listings(matching.partner), listing=partner_demand
        )
    }
    owner_again = {
        s.listing.pk
        for s in best_matches_for_listing(
            user=matching.owner, candidates=candidate_listings(matching.owner), listing=matching.demand
        )
    }

    assert shared.pk in partner_ids
    assert shared.pk not in owner_ids | owner_again
    assert matching.offer.pk not in partner_ids  # the partner's own organisation
