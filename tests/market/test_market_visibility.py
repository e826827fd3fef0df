"""Visibility is the market's core security property: every level × role × endpoint (404, never 403)."""

from __future__ import annotations

import pytest
from django.test import Client
from market_world import MARKET_ROLES, Market

from world import client_for

SEES = {
    "public": set(MARKET_ROLES),
    "anonymous": set(MARKET_ROLES),
    "alliance": {"alliance_member", "owner", "operator", "alliance_operator", "admin"},
    "centre": {"owner", "operator", "admin"},
    "confidential": {"partner", "owner", "operator", "admin"},
    "draft": {"owner", "operator", "admin"},
}
SEES_ANONYMOUS_OWNER = {"owner", "operator", "admin"}
OWNER_NAME = "Secret Sensor Labs"


def _client(market: Market, role: str) -> Client:
    return client_for(market.user(role))


@pytest.mark.parametrize("role", MARKET_ROLES)
@pytest.mark.parametrize("level", list(SEES))
def test_listing_detail_page_and_api_follow_visibility(market: Market, role: str, level: str) -> None:
    client = _client(market, role)
    pk = market.listings[level].pk

    statuses = {
        "page": client.get(f"/market/listings/{pk}/").status_code,
        "api": client.get(f"/api/v1/listings/{pk}").status_code,
        "qr": client.get(f"/market/listings/{pk}/qr.svg").status_code,
    }

    expected = 200 if role in SEES[level] else 404
    assert statuses == {"page": expected, "api": expected, "qr": expected}


@pytest.mark.parametrize("role", MARKET_ROLES)
def test_lists_search_and_counts_show_only_visible_listings(market: Market, role: str) -> None:
    client = _client(market, role)
    expected = sorted(
        market.listings[level].pk for level, roles in SEES.items() if role in roles and level != "draft"
    )

    page = client.get("/market/?q=electrolyte")
    api = client.get("/api/v1/listings?q=electrolyte").json()
    chinese = client.get("/api/v1/listings?q=锂电池").json()

    assert sorted(listing.pk for listing in page.context["page"]) == expected
    assert page.context["page"].paginator.count == len(expected)
    assert {value: total for value, _label, total in page.context["facets"]["kind"]} == {
        "offer": len(expected)
    }
    assert sorted(item["id"] for item in api["items"]) == expected
    assert (api["count"], chinese["count"]) == (len(expected), len(expected))


@pytest.mark.parametrize("role", MARKET_ROLES)
def test_anonymous_listing_never_leaks_its_owner(market: Market, role: str) -> None:
    client = _client(market, role)
    listing = market.listings["anonymous"]

    page = client.get(f"/market/listings/{listing.pk}/").content.decode()
    search = client.get("/market/?q=electrolyte").content.decode()
    api = client.get(f"/api/v1/listings/{listing.pk}").json()
    api_list = client.get("/api/v1/listings?anonymous=1").json()
    feed = client.get("/market/feed/rss/").content.decode()
    sync = client.get("/api/v1/listings/sync").json()

    shown = role in SEES_ANONYMOUS_OWNER
    owners = [item["owner"] for item in api_list["items"] + sync["items"] if item["id"] == listing.pk]
    assert (OWNER_NAME in page) == shown
    assert (api["owner"] is not None) == shown
    assert all((owner is not None) == shown for owner in owners)
    assert (OWNER_NAME in search, OWNER_NAME in feed) == (shown, shown)


def test_anonymous_listing_pdf_hides_owner(market: Market) -> None:
    from django.test import RequestFactory

    from techbridge.market.access import access_listing
    from techbridge.market.views.browse import _printable

    request = RequestFactory().get("/")
    hidden = _printable(request, access_listing(market.outsider, market.listings["anonymous"].pk))
    shown = _printable(request, access_listing(market.operator, market.listings["anonymous"].pk))

    assert (OWNER_NAME in hidden.owner, OWNER_NAME in shown.owner) == (False, True)


def test_confidential_listing_never_appears_in_feed_for_others(market: Market) -> None:
    feed = _client(market, "outside_member").get("/market/feed/rss/").content.decode()

    assert f"/market/listings/{market.listings['confidential'].pk}/" not in feed
    assert f"/market/listings/{market.listings['public'].pk}/" in feed


def test_attachment_download_follows_visibility(market: Market, tmp_path: object) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = _client(market, "owner")
    upload = SimpleUploadedFile("spec.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    client.post(f"/market/listings/{market.listings['confidential'].pk}/attachments/", {"file": upload})
    attachment = market.listings["confidential"].attachments.get()

    statuses = [
        _client(market, role).get(f"/market/attachments/{attachment.pk}/").status_code
        for role in ("partner", "outside_member", "anonymous")
    ]

    assert statuses == [200, 404, 404]


def test_attachment_with_wrong_content_is_refused(market: Market) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = _client(market, "owner")
    upload = SimpleUploadedFile("image.png", b"not a png at all", content_type="image/png")

    response = client.post(
        f"/market/listings/{market.listings['public'].pk}/attachments/", {"file": upload}, follow=True
    )

    assert response.status_code == 200
    assert market.listings["public"].attachments.count() == 0
    assert "does not match its type" in response.content.decode()
