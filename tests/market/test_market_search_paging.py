"""Paging through a relevance search: the first pages are read by primary key from the ranking's
fused order (`RankedListings`), later pages from the ranked queryset; together they must show
exactly the ranked order, every match once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.utils import timezone

from factories import make_centre, make_organisation
from techbridge.market.access import find_listings
from techbridge.market.domain.listings import fill_denormalised
from techbridge.market.domain.ranking import ranking_backend
from techbridge.market.domain.search import ListingFilters, bump_search_revision, ranked_listings
from techbridge.market.models import Listing
from techbridge.matching.domain.indexing import index_queryset

WORDS = ("battery", "electrolyte", "separator", "anode", "cathode", "charger", "cell", "pack")


@pytest.fixture
def catalogue(db: None) -> list[Listing]:
    """300 published listings, 260 of them about batteries: more matches than the fused order holds."""
    centre = make_centre(slug="paging")
    owner = make_organisation(centre=centre)
    now = timezone.now()
    listings = []
    for n in range(300):
        words = " ".join(WORDS[(n + k) % len(WORDS)] for k in range(3))
        title = f"{'battery ' if n < 260 else ''}{words} design {n}"
        listing = Listing(
            kind="offer", status="published", visibility="public", owner_organisation=owner,
            title={"en": title}, summary={"en": f"A technology: {words}"},
            published_at=now - timedelta(minutes=n), expires_at=now + timedelta(days=300),
        )  # fmt: skip
        fill_denormalised(listing)
        listings.append(listing)
    created = Listing.objects.bulk_create(listings)
    bump_search_revision()  # bulk rows send no signals
    index_queryset(Listing.objects.all(), batch_size=100)
    return created


def _page_ids(client: Client, query: str, page: int) -> tuple[list[int], int, int]:
    response = client.get("/market/", {"q": query, "page": page})
    assert response.status_code == 200
    shown = response.context["page"]
    return [listing.pk for listing in shown], shown.number, shown.paginator.num_pages


@pytest.mark.parametrize("query", ["battery", "design battery"])
def test_every_page_of_a_relevance_search_shows_the_ranked_order_once(
    catalogue: list[Listing], query: str
) -> None:
    ranking = ranking_backend()
    expected = list(
        find_listings(AnonymousUser(), ListingFilters(q=query), ranking=ranking).values_list("pk", flat=True)
    )
    fused = ranking.first_places(query)
    assert 0 < len(fused) < len(expected), "both ways of reading a page must be exercised"

    client = Client()
    seen: list[int] = []
    page, last = 1, 1
    while page <= last:
        ids, number, last = _page_ids(client, query, page)
        assert number == page
        seen.extend(ids)
        page += 1

    assert seen == expected
    assert len(set(seen)) == len(seen)


def test_a_page_skips_a_fused_listing_withdrawn_after_ranking(catalogue: list[Listing]) -> None:
    """A listing that stops being visible between ranking and reading leaves the page, never errs."""
    ranking = ranking_backend()
    ranked = find_listings(AnonymousUser(), ListingFilters(q="battery"), ranking=ranking)
    results = ranked_listings(ranked, filters=ListingFilters(q="battery"), ranking=ranking)
    first = list(results.first[:5])
    Listing.objects.filter(pk=first[1]).update(status="withdrawn")

    assert [listing.pk for listing in results[0:5]] == [first[0], *first[2:5]]
