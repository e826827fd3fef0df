"""Every market list page and list endpoint costs the same number of queries for 1 and 5 listings."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from market_world import build_listing

from factories import make_centre, make_member, make_operator, make_organisation, technology_field
from techbridge.market.domain.interests import check_send_interest
from techbridge.market.domain.search import bump_search_revision
from techbridge.market.models import Listing
from world import client_for

LISTS = [
    "/market/",
    "/market/?q=electrolyte&sort=newest",
    "/market/feed/rss/",
    "/market/mine/",
    "/market/review/",
    "/market/review/statistics/",
    "/market/interests/",
    "/notifications/",
    "/api/v1/listings",
    "/api/v1/listings/sync",
    "/api/v1/interests",
]


def _populate(count: int, *, organisation: object, sender: object) -> None:
    from market_world import NOW

    for number in range(count):
        published = build_listing(organisation)  # type: ignore[arg-type]
        published.technology_fields.set([technology_field("2.5"), technology_field("1.2")])
        check_send_interest(
            listing=published, sender=sender, sender_organisation=None, sender_is_owner=False,  # type: ignore[arg-type]
            message=f"Interest {number}", now=NOW,
        )  # fmt: skip
        queued = build_listing(organisation, publish=False)  # type: ignore[arg-type]
        queued.status = "submitted"
        queued.save()


def _queries(client: Client, url: str) -> int:
    """Counted with cold search caches (decision 0011): the full work, not a cache hit."""
    bump_search_revision()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.parametrize("url", LISTS)
def test_market_list_query_count_does_not_grow(db: None, url: str) -> None:
    centre = make_centre()
    organisation = make_organisation(centre=centre)
    user = make_operator(centre, make_member(organisation))
    sender = make_member(make_organisation())
    client = client_for(user)
    _populate(1, organisation=organisation, sender=sender)
    client.get(url)
    with_one = _queries(client, url)
    _populate(4, organisation=organisation, sender=sender)

    with_five = _queries(client, url)

    assert Listing.objects.count() == 10
    assert with_five == with_one
