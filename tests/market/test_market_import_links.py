"""Imported listings are the importer's own: they appear in "my listings" and the import page links them."""

from __future__ import annotations

import pytest
from market_world import Market
from test_market_import import import_file, listings_csv

from techbridge.market.models import ImportedObject, Listing
from world import client_for

pytestmark = pytest.mark.django_db


def _imported(market: Market) -> list[Listing]:
    return list(Listing.objects.filter(pk__in=ImportedObject.objects.values("object_id")).order_by("pk"))


def test_imported_listings_appear_in_my_listings_of_the_operator(market: Market) -> None:
    client = client_for(market.operator)
    import_file(client, "listings", "l.csv", listings_csv(market, rows=2))
    html = client.get("/market/mine/").content.decode()
    for listing in _imported(market):
        assert f'href="/market/listings/{listing.pk}/"' in html


def test_the_import_page_links_the_listings_of_each_batch(market: Market) -> None:
    client = client_for(market.operator)
    html = import_file(client, "listings", "batch.csv", listings_csv(market, rows=2))
    section = html.split('class="import-batches"')[1]
    assert "batch.csv" in section
    for listing in _imported(market):
        assert f'href="/market/listings/{listing.pk}/"' in section


def test_another_operator_sees_neither_the_batch_nor_its_listings(market: Market) -> None:
    import_file(client_for(market.operator), "listings", "l.csv", listings_csv(market, rows=1))
    client = client_for(market.alliance_operator)
    assert "import-batches" not in client.get("/market/import/").content.decode()
    mine = client.get("/market/mine/").content.decode()
    assert all(f"/market/listings/{listing.pk}/" not in mine for listing in _imported(market))
