"""Lifecycle through the pages and the domain: allowed and refused transitions, history, expiry job."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from market_world import NOW, Market, build_listing

from techbridge.market.access import listing_roles
from techbridge.market.domain.expiry import run_expiry
from techbridge.market.domain.lifecycle import ListingActionError, check_listing_action
from techbridge.market.models import Listing
from techbridge.market.tasks import expire_listings
from techbridge.notifications.models import Notification
from techbridge_core.market.lifecycle import Action
from world import client_for


def _act(
    market: Market, listing: Listing, action: Action, user: object, *, reason: str = "", days: int = 0
) -> Listing:
    return check_listing_action(
        listing=listing,
        action=action,
        actor=user,  # type: ignore[arg-type]
        roles=listing_roles(user, listing),  # type: ignore[arg-type]
        reason=reason,
        now=NOW + timedelta(days=days),
    )


def test_owner_submits_and_operator_publishes_with_history(market: Market) -> None:
    listing = build_listing(market.owner_org, actor=market.owner, publish=False)

    _act(market, listing, Action.SUBMIT, market.owner)
    _act(market, listing, Action.START_REVIEW, market.operator)
    _act(market, listing, Action.APPROVE, market.operator, reason="Clear and complete")

    history = list(listing.transitions.values_list("action", "to_status", "actor_id", "reason"))
    assert history == [
        ("create", "draft", market.owner.pk, ""),
        ("submit", "submitted", market.owner.pk, ""),
        ("start_review", "under_review", market.operator.pk, ""),
        ("approve", "published", market.operator.pk, "Clear and complete"),
    ]
    assert (listing.published_at, listing.expires_at) == (NOW, NOW + timedelta(days=365))


@pytest.mark.parametrize(
    ("actor", "action", "code"),
    [
        ("owner", Action.APPROVE, "not_allowed"),
        ("outsider", Action.SUBMIT, "not_allowed"),
        ("alliance_operator", Action.APPROVE, "not_allowed"),
        ("operator", Action.RETURN, "reason_required"),
        ("owner", Action.RESUME, "wrong_status"),
    ],
)
def test_refused_transitions_change_nothing(market: Market, actor: str, action: Action, code: str) -> None:
    listing = build_listing(market.owner_org, actor=market.owner, publish=False)
    if action is not Action.SUBMIT:
        _act(market, listing, Action.SUBMIT, market.owner)
    before = listing.transitions.count()

    with pytest.raises(ListingActionError) as refused:
        _act(market, listing, action, getattr(market, actor))

    assert (refused.value.code, listing.transitions.count()) == (code, before)


def test_operator_returns_with_comments_and_owner_is_notified(
    market: Market, django_capture_on_commit_callbacks: Any
) -> None:
    listing = build_listing(market.owner_org, actor=market.owner, publish=False)
    _act(market, listing, Action.SUBMIT, market.owner)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        _act(market, listing, Action.RETURN, market.operator, reason="Please add the TRL")

    assert Listing.objects.get(pk=listing.pk).status == "returned"
    assert Notification.objects.filter(recipient=market.owner).first().body == "Please add the TRL"  # type: ignore[union-attr]
    assert [message.to for message in mail.outbox] == [[market.owner.email]]


def test_action_page_refuses_outsider_with_404(market: Market) -> None:
    listing = market.listings["draft"]

    response = client_for(market.outsider).post(
        f"/market/listings/{listing.pk}/action/", {"action": "submit"}
    )

    assert response.status_code == 404


def test_action_page_submits_for_owner(market: Market) -> None:
    listing = market.listings["draft"]

    client_for(market.owner).post(f"/market/listings/{listing.pk}/action/", {"action": "submit"})

    assert Listing.objects.get(pk=listing.pk).status == "submitted"


def test_expiry_warns_then_expires_then_archives_with_frozen_clock(market: Market) -> None:
    listing = market.listings["public"]

    warned = run_expiry(now=NOW + timedelta(days=352))
    again = run_expiry(now=NOW + timedelta(days=353))
    expired = run_expiry(now=NOW + timedelta(days=365))
    archived = run_expiry(now=NOW + timedelta(days=365 + 730))

    assert warned["warn"] == 5
    assert again["warn"] == 0
    assert expired["expire"] == 5
    assert archived["archive"] == 5
    assert list(Listing.objects.get(pk=listing.pk).transitions.values_list("action", flat=True))[-2:] == [
        "expire",
        "archive",
    ]
    assert Notification.objects.filter(recipient=market.owner, kind="listing_expiring").count() == 5


def test_renewal_once_in_warning_window(market: Market) -> None:
    listing = market.listings["public"]
    with pytest.raises(ListingActionError) as early:
        _act(market, listing, Action.RENEW, market.owner, days=100)

    _act(market, listing, Action.RENEW, market.owner, days=355)
    with pytest.raises(ListingActionError) as twice:
        _act(market, listing, Action.RENEW, market.owner, days=720)

    assert (early.value.code, twice.value.code) == ("too_early", "renewed_already")
    assert listing.expires_at == NOW + timedelta(days=730)


def test_expired_listing_can_be_renewed_and_is_visible_again(market: Market) -> None:
    listing = market.listings["public"]
    run_expiry(now=NOW + timedelta(days=366))
    hidden = client_for(market.outsider).get(f"/market/listings/{listing.pk}/").status_code

    _act(market, Listing.objects.get(pk=listing.pk), Action.RENEW, market.owner, days=370)

    shown = client_for(market.outsider).get(f"/market/listings/{listing.pk}/").status_code
    assert (hidden, shown) == (404, 200)


def test_expiry_task_runs_inline_with_given_time(market: Market) -> None:
    result = expire_listings.enqueue(now_iso=(NOW + timedelta(days=400)).isoformat())

    assert result.return_value == {"warn": 0, "expire": 5, "archive": 0}
