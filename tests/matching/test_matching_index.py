"""Indexing: publishing makes a listing findable within one job run; withdrawing removes it."""

from __future__ import annotations

from matching_world import MatchingWorld, build_listing, publish_listing, run_index, withdraw_listing

from techbridge.matching.access import candidate_listings
from techbridge.matching.domain.recommend import best_matches_for_listing
from techbridge.matching.models import ListingVector


def _matched_ids(world: MatchingWorld) -> set[int]:
    return {
        s.listing.pk
        for s in best_matches_for_listing(
            user=world.owner, candidates=candidate_listings(world.owner), listing=world.demand
        )
    }


def test_publishing_makes_a_listing_findable_within_one_job_run(matching: MatchingWorld) -> None:
    fresh = build_listing(matching.partner_org, publish=False, title={"en": "Cold-proof lithium electrolyte"})
    publish_listing(fresh)
    assert fresh.pk not in _matched_ids(matching)  # not yet embedded

    assert run_index()["embedded"] == 1
    assert fresh.pk in _matched_ids(matching)


def test_unchanged_listings_are_not_embedded_again(matching: MatchingWorld) -> None:
    assert run_index() == {"embedded": 0, "removed": 0}
    matching.offer.summary = {"en": "A new summary about lithium electrolyte."}
    matching.offer.save()
    assert run_index()["embedded"] == 1


def test_drafts_are_not_indexed(matching: MatchingWorld) -> None:
    draft = build_listing(matching.partner_org, publish=False)
    run_index()
    assert not ListingVector.objects.filter(listing=draft).exists()


def test_withdrawing_removes_the_listing_from_matches(matching: MatchingWorld) -> None:
    assert matching.offer.pk in _matched_ids(matching)
    withdraw_listing(matching.offer)
    assert run_index()["removed"] == 1
    assert not ListingVector.objects.filter(listing=matching.offer).exists()
    assert matching.offer.pk not in _matched_ids(matching)


def test_a_saved_listing_is_reindexed_after_commit(
    matching: MatchingWorld, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        fresh = build_listing(matching.partner_org, title={"en": "Electrolyte additive for lithium cells"})
    assert ListingVector.objects.filter(listing=fresh).exists()
    with django_capture_on_commit_callbacks(execute=True):
        withdraw_listing(fresh)
    assert not ListingVector.objects.filter(listing=fresh).exists()


def test_vectors_are_float32_of_the_embedder_dimension(matching: MatchingWorld) -> None:
    stored = ListingVector.objects.get(listing=matching.offer)
    assert stored.model_name.startswith("hashing")
    assert stored.as_array().shape == (stored.dimension,)
