"""Expressions of interest: the broker sees an anonymous listing's interest first, then forwards it."""

from __future__ import annotations

from typing import Any

from django.core import mail
from market_world import Market

from techbridge.market.models import ExpressionOfInterest
from techbridge.notifications.models import Notification
from world import client_for


def _send(market: Market, level: str) -> ExpressionOfInterest:
    client = client_for(market.partner)
    listing = market.listings[level]
    response = client.post(
        f"/market/listings/{listing.pk}/interest/",
        {"message": "We would license this for our bus fleet.", "intended_use": "Buses", "timeline": "2026"},
    )
    assert response.status_code == 302
    return ExpressionOfInterest.objects.get(listing=listing, sender=market.partner)


def test_interest_in_anonymous_listing_goes_to_broker_first(
    market: Market, django_capture_on_commit_callbacks: Any
) -> None:
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        interest = _send(market, "anonymous")
    url = f"/market/interests/{interest.public_id}/"

    owner_before = client_for(market.owner).get(url).status_code
    broker = client_for(market.operator).get(url).status_code
    client_for(market.operator).post(f"{url}action/", {"action": "forward", "reason": "Serious buyer"})
    owner_after = client_for(market.owner).get(url).status_code

    assert (owner_before, broker, owner_after) == (404, 200, 200)
    assert ExpressionOfInterest.objects.get(pk=interest.pk).status == "forwarded"
    assert Notification.objects.filter(recipient=market.operator, kind="eoi_received").count() == 1
    assert Notification.objects.filter(recipient=market.owner, kind="eoi_status").count() == 1
    assert mail.outbox[0].to == [market.operator.email]


def test_interest_in_named_listing_reaches_owner_who_accepts(market: Market) -> None:
    interest = _send(market, "public")
    url = f"/market/interests/{interest.public_id}/"

    client_for(market.owner).post(f"{url}action/", {"action": "accept"})

    assert ExpressionOfInterest.objects.get(pk=interest.pk).status == "accepted"
    assert Notification.objects.filter(recipient=market.partner, kind="eoi_status").count() == 1


def test_interest_is_hidden_from_outsiders(market: Market) -> None:
    interest = _send(market, "public")

    statuses = [
        client_for(market.outsider).get(f"/market/interests/{interest.public_id}/").status_code,
        client_for(market.outside_operator).get(f"/api/v1/interests/{interest.public_id}").status_code,
    ]

    assert statuses == [404, 404]


def test_sender_cannot_accept_own_interest(market: Market) -> None:
    interest = _send(market, "public")

    client_for(market.partner).post(f"/market/interests/{interest.public_id}/action/", {"action": "accept"})

    assert ExpressionOfInterest.objects.get(pk=interest.pk).status == "sent"


def test_second_open_interest_is_refused_with_message(market: Market) -> None:
    _send(market, "public")

    response = client_for(market.partner).post(
        f"/market/listings/{market.listings['public'].pk}/interest/", {"message": "Again"}
    )

    assert response.status_code == 200
    assert "already expressed interest" in response.content.decode()


def test_owner_cannot_express_interest_in_own_listing(market: Market) -> None:
    response = client_for(market.owner).post(
        f"/market/listings/{market.listings['public'].pk}/interest/", {"message": "Me"}
    )

    assert "your own organisation" in response.content.decode()
