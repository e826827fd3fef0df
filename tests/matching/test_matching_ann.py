"""Matching at scale: the worker's nearest-neighbour index files and the two-stage retrieval of pages."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from matching_world import MatchingWorld, build_listing, run_index

from factories import make_organisation
from techbridge.matching.access import candidate_listings
from techbridge.matching.domain.embedders import get_embedder
from techbridge.matching.domain.nearest import forget_opened_indexes
from techbridge.matching.domain.recommend import best_matches_for_listing
from techbridge.matching.domain.vector_index import build_listing_indexes, kind_directory
from techbridge.matching.enums import DecisionKind
from techbridge.matching.models import MatchDecision
from techbridge.matching.tasks import build_listing_index, index_listing
from techbridge_core.ann import BuildProgress, open_index, published_generation


@pytest.fixture(autouse=True)
def index_dir(settings: Any, tmp_path: Path) -> Iterator[Path]:
    directory = tmp_path / "matching-index"
    settings.TECHBRIDGE_MATCHING_INDEX_DIR = directory
    forget_opened_indexes()
    yield directory
    forget_opened_indexes()


def _offers_directory() -> Path:
    return kind_directory(get_embedder().name, "offer")


def _ids(suggestions: list) -> list[int]:  # type: ignore[type-arg]
    return [s.listing.pk for s in suggestions]


def test_the_full_index_job_publishes_an_index_per_kind_and_a_rerun_changes_nothing(
    matching: MatchingWorld,
) -> None:
    offers = open_index(_offers_directory())
    assert sorted(offers.live_ids().tolist()) == sorted(
        [matching.offer.pk, matching.anonymous_offer.pk, matching.confidential_offer.pk]
    )
    assert offers.read_only
    demands = open_index(kind_directory(get_embedder().name, "demand"))
    assert demands.live_ids().tolist() == [matching.demand.pk]
    generation = published_generation(_offers_directory())
    result = build_listing_index.enqueue().return_value
    assert result == {"rows": 4, "kinds_rebuilt": 0, "statistics_refreshed": 0}
    assert published_generation(_offers_directory()) == generation
    assert not list(_offers_directory().parent.glob("*.building"))


def test_a_new_listing_rebuilds_only_its_kind(matching: MatchingWorld) -> None:
    demands = kind_directory(get_embedder().name, "demand")
    demand_generation = published_generation(demands)
    added = build_listing(make_organisation(), title={"en": "Sodium battery cathode"})
    run_index()
    assert added.pk in open_index(_offers_directory()).live_ids().tolist()
    assert published_generation(demands) == demand_generation


def test_an_interrupted_build_resumes_after_its_last_checkpoint(matching: MatchingWorld) -> None:
    for number in range(4):
        build_listing(make_organisation(), title={"en": f"Electrolyte batch {number}"})
    run_index()
    published = json.loads((_offers_directory() / "source.json").read_text())
    (_offers_directory() / "source.json").unlink()  # force a rebuild of the offers
    seen: list[BuildProgress] = []

    def crash_after_three(step: BuildProgress) -> None:
        seen.append(step)
        if step.rows_done >= 3:
            raise RuntimeError("worker killed")

    model = get_embedder().name
    with pytest.raises(RuntimeError):
        build_listing_indexes(model_name=model, batch_size=1, checkpoint_every=1, progress=crash_after_three)
    staging = _offers_directory().with_name("offer.building")
    assert json.loads((staging / "manifest.json").read_text())["complete"] is False
    results = build_listing_indexes(model_name=model, batch_size=1, checkpoint_every=1)
    assert results["offer"]["built"]
    assert results["offer"]["resumed_from"] == seen[-1].watermark
    assert results["offer"]["rows"] == published["rows"] == 7
    assert not staging.exists()


def test_ann_path_finds_the_same_best_match_as_the_exact_path(matching: MatchingWorld, settings: Any) -> None:
    for number in range(3):
        build_listing(
            make_organisation(),
            title={"en": f"Industrial robot gripper {number}"},
            summary={"en": "Pneumatic fingers for a packaging line."},
        )
    run_index()
    exact = best_matches_for_listing(
        user=matching.owner, candidates=candidate_listings(matching.owner), listing=matching.demand
    )
    settings.TECHBRIDGE_MATCHING_ANN_THRESHOLD = 2
    settings.TECHBRIDGE_MATCHING_ANN_SHORTLIST = 2
    shortlisted = best_matches_for_listing(
        user=matching.owner, candidates=candidate_listings(matching.owner), listing=matching.demand
    )
    assert shortlisted[0].listing.pk == exact[0].listing.pk
    assert len(shortlisted) <= 2 < len(exact)


def test_a_listing_the_user_may_not_see_never_comes_back_from_the_index(
    matching: MatchingWorld, settings: Any
) -> None:
    settings.TECHBRIDGE_MATCHING_ANN_THRESHOLD = 1
    settings.TECHBRIDGE_MATCHING_ANN_SHORTLIST = 3  # the confidential twin of the offer is among them
    for user in (matching.owner, matching.operator):
        ids = _ids(
            best_matches_for_listing(user=user, candidates=candidate_listings(user), listing=matching.demand)
        )
        assert matching.confidential_offer.pk not in ids
        assert matching.offer.pk in ids


def test_a_pinned_listing_outside_the_shortlist_still_comes_first(
    matching: MatchingWorld, settings: Any
) -> None:
    far = build_listing(
        make_organisation(), title={"en": "Cloud accounting software"}, summary={"en": "Invoices."}
    )
    run_index()
    MatchDecision.objects.create(listing=matching.demand, candidate=far, kind=DecisionKind.PIN)
    settings.TECHBRIDGE_MATCHING_ANN_THRESHOLD = 1
    settings.TECHBRIDGE_MATCHING_ANN_SHORTLIST = 1
    suggestions = best_matches_for_listing(
        user=matching.owner, candidates=candidate_listings(matching.owner), listing=matching.demand
    )
    assert suggestions[0].listing.pk == far.pk
    assert suggestions[0].match.pinned
    assert len(suggestions) == 2  # the pin and the one nearest listing


def test_a_listing_embedded_after_the_index_was_built_is_ranked_too(
    matching: MatchingWorld, settings: Any
) -> None:
    settings.TECHBRIDGE_MATCHING_ANN_THRESHOLD = 1
    settings.TECHBRIDGE_MATCHING_ANN_SHORTLIST = 1
    best_matches_for_listing(
        user=matching.owner, candidates=candidate_listings(matching.owner), listing=matching.demand
    )  # the index is open
    fresh = build_listing(make_organisation(), title={"en": "Cloud accounting software"})
    index_listing.enqueue(listing_id=fresh.pk)  # its vector, but no new index yet
    assert fresh.pk not in open_index(_offers_directory()).live_ids().tolist()
    ids = _ids(
        best_matches_for_listing(
            user=matching.owner, candidates=candidate_listings(matching.owner), listing=matching.demand
        )
    )
    assert fresh.pk in ids
    assert matching.confidential_offer.pk not in ids


def test_without_an_index_a_page_keeps_to_the_newest_candidates_and_writes_nothing(
    matching: MatchingWorld, settings: Any, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    empty = tmp_path / "never-built"
    settings.TECHBRIDGE_MATCHING_INDEX_DIR = empty
    settings.TECHBRIDGE_MATCHING_ANN_THRESHOLD = 1
    newest = build_listing(make_organisation(), title={"en": "Cloud accounting software"})
    run_index()  # writes the index, but into `empty`...
    settings.TECHBRIDGE_MATCHING_INDEX_DIR = tmp_path / "still-never-built"
    forget_opened_indexes()
    ids = _ids(
        best_matches_for_listing(
            user=matching.owner, candidates=candidate_listings(matching.owner), listing=matching.demand
        )
    )
    assert ids == [newest.pk]
    assert not (tmp_path / "still-never-built").exists()
    assert "no published ANN index" in caplog.text


def test_ann_path_query_count_does_not_grow_with_candidates(matching: MatchingWorld, settings: Any) -> None:
    settings.TECHBRIDGE_MATCHING_ANN_THRESHOLD = 1
    settings.TECHBRIDGE_MATCHING_ANN_SHORTLIST = 3

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert best_matches_for_listing(
                user=matching.owner, candidates=candidate_listings(matching.owner), listing=matching.demand
            )
        return len(captured)

    count()  # warm the per-process caches
    before = count()
    for number in range(6):
        build_listing(make_organisation(), title={"en": f"Lithium electrolyte number {number}"})
    run_index()
    assert count() == before
