"""The whole catalogue's ranking statistics: kept by the indexing job, read by the shortlist path."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from matching_world import MatchingWorld, build_listing, run_index, withdraw_listing

from factories import make_organisation
from techbridge.matching.access import candidate_listings
from techbridge.matching.domain.corpus import catalogue_corpus, forget_loaded_statistics
from techbridge.matching.domain.embedders import get_embedder
from techbridge.matching.domain.nearest import forget_opened_indexes
from techbridge.matching.domain.recommend import best_matches_for_listing
from techbridge.matching.models import CorpusSnapshot
from techbridge.matching.tasks import build_listing_index


@pytest.fixture(autouse=True)
def index_dir(settings: Any, tmp_path: Path) -> Iterator[Path]:
    directory = tmp_path / "matching-index"
    settings.TECHBRIDGE_MATCHING_INDEX_DIR = directory
    forget_opened_indexes()
    forget_loaded_statistics()
    yield directory
    forget_opened_indexes()
    forget_loaded_statistics()


def _offers(kinds: frozenset[str] = frozenset({"offer"})) -> Any:
    corpus = catalogue_corpus(get_embedder().name)
    assert corpus is not None
    return corpus.statistics(kinds, ["electrolyt", "gripper", "perovskit"])


def _catalogue(matching: MatchingWorld) -> None:
    """Electrolytes are rare in the catalogue (3 of 15 offers), but they are the demand's nearest."""
    for number in range(12):
        build_listing(
            make_organisation(),
            title={"en": f"Industrial robot gripper {number}"},
            summary={"en": "Pneumatic fingers for a packaging line."},
            description={"en": "<p>Vision guided.</p>"},
        )
    run_index()


def test_the_indexing_job_computes_the_statistics_of_every_published_listing(matching: MatchingWorld) -> None:
    snapshot = CorpusSnapshot.objects.get(model_name=get_embedder().name)
    assert snapshot.documents == 4  # the demand and three offers, the confidential one included
    offers = _offers()
    assert offers.document_count == 3
    assert offers.document_frequency("electrolyt") == 3
    assert _offers(frozenset({"offer", "demand"})).document_count == 4


def test_the_indexing_job_refreshes_the_statistics_when_the_catalogue_changes(
    matching: MatchingWorld,
) -> None:
    model = get_embedder().name
    version = CorpusSnapshot.objects.get(model_name=model).version
    assert build_listing_index.enqueue().return_value["statistics_refreshed"] == 0  # nothing changed
    assert CorpusSnapshot.objects.get(model_name=model).version == version

    build_listing(
        make_organisation(), title={"en": "Perovskite solar module"}, summary={"en": "Tandem cells."}
    )
    run_index()
    assert CorpusSnapshot.objects.get(model_name=model).version == version + 1
    assert _offers().document_frequency("perovskit") == 1
    assert _offers().document_count == 4

    withdraw_listing(matching.offer)
    run_index()
    assert _offers().document_count == 3
    assert _offers().document_frequency("electrolyt") == 2


def _scores(suggestions: list[Any]) -> dict[int, tuple[float, float, float]]:
    return {
        s.listing.pk: (
            s.match.parts.lexical,
            s.match.parts.lexical_calibrated,
            s.match.parts.semantic_calibrated,
        )
        for s in suggestions
    }


def test_the_shortlist_path_scores_its_listings_with_the_catalogues_statistics(
    matching: MatchingWorld, settings: Any
) -> None:
    _catalogue(matching)
    exact = _scores(
        best_matches_for_listing(
            user=matching.owner,
            candidates=candidate_listings(matching.owner),
            listing=matching.demand,
            limit=50,
        )
    )
    settings.TECHBRIDGE_MATCHING_ANN_THRESHOLD = 1
    settings.TECHBRIDGE_MATCHING_ANN_SHORTLIST = 2  # the two visible electrolytes, where the term is common
    shortlisted = _scores(
        best_matches_for_listing(
            user=matching.owner,
            candidates=candidate_listings(matching.owner),
            listing=matching.demand,
            limit=50,
        )
    )

    assert set(shortlisted) <= {matching.offer.pk, matching.anonymous_offer.pk} < set(exact)
    for pk, parts in shortlisted.items():
        assert parts == pytest.approx(exact[pk], abs=1e-5)


def test_without_statistics_yet_the_shortlist_falls_back_to_its_own(
    matching: MatchingWorld, settings: Any
) -> None:
    CorpusSnapshot.objects.all().delete()
    settings.TECHBRIDGE_MATCHING_ANN_THRESHOLD = 1
    suggestions = best_matches_for_listing(
        user=matching.owner, candidates=candidate_listings(matching.owner), listing=matching.demand
    )
    assert [s.listing.pk for s in suggestions][:1] in ([matching.offer.pk], [matching.anonymous_offer.pk])


@pytest.mark.parametrize("threshold", [10**6, 1])
def test_statistics_of_unseen_listings_never_bring_them_into_anyones_matches(
    matching: MatchingWorld, settings: Any, threshold: int
) -> None:
    _catalogue(matching)
    settings.TECHBRIDGE_MATCHING_ANN_THRESHOLD = threshold
    settings.TECHBRIDGE_MATCHING_ANN_SHORTLIST = 20
    for user in (matching.owner, matching.operator, matching.partner, matching.outsider, AnonymousUser()):
        visible = set(candidate_listings(user).values_list("pk", flat=True))
        suggestions = best_matches_for_listing(
            user=user, candidates=candidate_listings(user), listing=matching.demand, limit=50
        )
        shown = {s.listing.pk for s in suggestions}
        assert shown <= visible
        assert matching.confidential_offer.pk not in shown
        assert all(
            not s.listing.owner_visible for s in suggestions if s.listing.pk == matching.anonymous_offer.pk
        )
