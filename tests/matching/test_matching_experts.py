"""Suggested experts for demands and R&D requests: visible profiles only, ranked by the core,
explained, indexed like listings; on the listing page and on "For you"."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from matching_experts_world import BATTERY_EXPERTISE, ExpertsWorld, build_expert, run_expert_index
from matching_world import build_listing, run_index

from factories import make_expert, make_member, make_organisation, make_user
from techbridge.directory.access import visible_organisations
from techbridge.matching.access import candidate_experts
from techbridge.matching.domain.experts import suggested_experts
from techbridge.matching.models import ExpertVector
from world import client_for


def _partial(user: Any, listing_pk: int) -> str:
    response = client_for(user).get(f"/matching/listings/{listing_pk}/experts/")
    assert response.status_code == 200
    return response.content.decode()


def test_demand_finds_the_expert_whose_expertise_answers_it(experts: ExpertsWorld) -> None:
    world = experts.matching
    suggestions = suggested_experts(
        user=world.owner,
        experts=candidate_experts(world.owner),
        organisations=visible_organisations(world.owner),
        listing=world.demand,
    )
    assert [s.profile.pk for s in suggestions][:1] == [experts.battery_expert.pk]
    assert experts.coating_expert.pk in {s.profile.pk for s in suggestions[1:]}
    best = suggestions[0]
    assert best.match.explanation is not None
    shared = {word.lower() for term in best.match.explanation.shared_terms for word in term.query_words}
    assert {"lithium", "electrolyte"} <= shared
    assert [f.code for f in best.shared_fields] == ["2.5"]
    assert best.shared_languages == ("en",)
    assert best.organisation_visible


def test_private_profile_and_own_people_are_never_suggested(experts: ExpertsWorld) -> None:
    world = experts.matching
    for user in (world.owner, world.operator):
        ids = {
            s.profile.pk
            for s in suggested_experts(
                user=user,
                experts=candidate_experts(user),
                organisations=visible_organisations(user),
                listing=world.demand,
            )
        }
        assert experts.private_expert.pk not in ids
        assert experts.own_expert.pk not in ids
        html = _partial(user, world.demand.pk)
        assert "Dr. Hidden Private" not in html
        assert "Dr. Own Colleague" not in html
        assert "Dr. Battery Public" in html


def test_the_private_expert_is_suggested_to_whoever_may_see_the_profile(experts: ExpertsWorld) -> None:
    """The same demand, seen by an admin of the expert's organisation who is also a member of
    the demand's owner: the profile becomes visible, so it may be suggested."""
    world = experts.matching
    insider = make_member(world.secret_org, admin=True)
    make_member(world.owner_org, insider)
    ids = {
        s.profile.pk
        for s in suggested_experts(
            user=insider,
            experts=candidate_experts(insider),
            organisations=visible_organisations(insider),
            listing=world.demand,
        )
    }
    assert experts.private_expert.pk in ids


def test_the_viewer_is_not_suggested_to_themselves(experts: ExpertsWorld) -> None:
    world = experts.matching
    person = world.owner.person
    assert person.organisation_id is None
    own_profile = make_expert(person, expertise=BATTERY_EXPERTISE)
    run_expert_index()
    assert own_profile.pk not in {
        s.profile.pk
        for s in suggested_experts(
            user=world.owner,
            experts=candidate_experts(world.owner),
            organisations=visible_organisations(world.owner),
            listing=world.demand,
        )
    }
    assert own_profile.pk in {
        s.profile.pk
        for s in suggested_experts(
            user=world.operator,
            experts=candidate_experts(world.operator),
            organisations=visible_organisations(world.operator),
            listing=world.demand,
        )
    }


def test_partial_explains_the_suggestion(experts: ExpertsWorld) -> None:
    html = _partial(experts.matching.owner, experts.matching.demand.pk)
    assert "Why this expert?" in html
    assert f"/directory/people/{experts.battery_expert.person.pk}/" in html
    assert "Partner Cells Ltd" in html
    assert "lithium" in html.lower()
    assert "Shared technology fields" in html


def test_an_unpublished_expert_organisation_is_not_named(experts: ExpertsWorld) -> None:
    world = experts.matching
    hidden_org = make_organisation(is_published=False, name={"en": "Unlisted Lab Kft"})
    build_expert(hidden_org, BATTERY_EXPERTISE, full_name="Dr. Unlisted")
    run_expert_index()
    html = _partial(world.owner, world.demand.pk)
    assert "Dr. Unlisted" in html
    assert "Unlisted Lab Kft" not in html


def test_rd_cooperation_requests_get_experts_too(experts: ExpertsWorld) -> None:
    world = experts.matching
    request = build_listing(
        world.owner_org, kind="rd_cooperation", title={"en": "R&D partner for lithium battery electrolytes"}
    )
    assert "Dr. Battery Public" in _partial(world.owner, request.pk)


@pytest.mark.parametrize("who", ["outsider", "partner"])
def test_experts_are_404_for_users_who_do_not_manage_the_demand(experts: ExpertsWorld, who: str) -> None:
    world = experts.matching
    user = getattr(world, who)
    assert client_for(user).get(f"/matching/listings/{world.demand.pk}/experts/").status_code == 404


def test_experts_are_404_for_hidden_listings_and_other_kinds(experts: ExpertsWorld) -> None:
    world = experts.matching
    owner_of_offer = client_for(world.partner)
    assert owner_of_offer.get(f"/matching/listings/{world.offer.pk}/experts/").status_code == 404
    hidden = client_for(world.owner).get(f"/matching/listings/{world.confidential_offer.pk}/experts/")
    assert hidden.status_code == 404
    assert client_for(world.owner).get("/matching/listings/999999/experts/").status_code == 404
    anonymous = client_for(None).get(f"/matching/listings/{world.demand.pk}/experts/")
    assert anonymous.status_code == 302


def test_listing_page_loads_experts_lazily_for_demands_only(experts: ExpertsWorld) -> None:
    world = experts.matching
    demand_page = client_for(world.owner).get(f"/market/listings/{world.demand.pk}/").content.decode()
    assert f"/matching/listings/{world.demand.pk}/experts/" in demand_page
    offer_page = client_for(world.partner).get(f"/market/listings/{world.offer.pk}/").content.decode()
    assert "/experts/" not in offer_page
    outsider_page = client_for(world.outsider).get(f"/market/listings/{world.demand.pk}/").content.decode()
    assert "/experts/" not in outsider_page


def test_query_count_does_not_grow_with_experts(experts: ExpertsWorld) -> None:
    world = experts.matching
    client = client_for(world.owner)
    url = f"/matching/listings/{world.demand.pk}/experts/"
    client.get(url)  # warm caches (sessions, content types)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    before = count()
    for number in range(4):
        build_expert(
            make_organisation(),
            {"en": f"Lithium electrolyte chemistry, topic {number}"},
            full_name=f"X {number}",
        )
    run_expert_index()
    assert count() == before
    assert before <= 12


def test_index_embeds_only_changed_profiles(experts: ExpertsWorld) -> None:
    assert ExpertVector.objects.count() == 4
    assert run_expert_index() == 0
    profile = experts.coating_expert
    profile.expertise = {"en": "Marine coatings", "hu": "Hajóbevonatok"}
    profile.save()
    assert run_expert_index() == 1


def test_a_saved_profile_is_indexed_after_commit(
    experts: ExpertsWorld, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        profile = build_expert(None, {"en": "Hydrogen fuel cells"}, full_name="Dr. Fresh")
    assert ExpertVector.objects.filter(profile=profile).exists()


def test_for_you_suggests_experts_for_open_demands(experts: ExpertsWorld) -> None:
    world = experts.matching
    html = client_for(world.owner).get("/matching/for-you/").content.decode()
    assert "Suggested experts for your demands" in html
    assert "Dr. Battery Public" in html
    assert "Dr. Hidden Private" not in html
    offers_only = make_member(make_organisation(), make_user())
    build_listing(offers_only.memberships.get().organisation)
    run_index()
    assert "Suggested experts" not in client_for(offers_only).get("/matching/for-you/").content.decode()


def test_for_you_query_count_is_bounded(experts: ExpertsWorld) -> None:
    client = client_for(experts.matching.owner)
    client.get("/matching/for-you/")
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/matching/for-you/").status_code == 200
    assert len(captured) <= 30
