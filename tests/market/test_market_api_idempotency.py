"""Issue 11 item 6: a retried API write with the same Idempotency-Key creates one object."""

from __future__ import annotations

import json
import threading
from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.utils import timezone
from market_world import Market, build_market

from techbridge.accounts.domain.tokens import do_create_api_token
from techbridge.api.idempotency import KEY_LIFETIME
from techbridge.api.models import IdempotencyKey
from techbridge.api.tasks import purge_idempotency_keys
from techbridge.market.models import ExpressionOfInterest, Listing
from world import client_for

LISTING = {
    "kind": "demand",
    "title": {"en": "Wanted: a cold-climate electrolyte"},
    "summary": {"en": "For buses."},
}


def _post(
    client: Client, url: str, body: dict[str, object], key: str | None = None, **headers: str
) -> object:
    if key is not None:
        headers["Idempotency-Key"] = key
    return client.post(url, json.dumps(body), content_type="application/json", headers=headers)


def test_a_retry_with_the_same_key_gets_the_first_answer_and_no_second_listing(market: Market) -> None:
    client = client_for(market.owner)
    body = {**LISTING, "owner_organisation": market.owner_org.pk}
    before = Listing.objects.count()
    first = _post(client, "/api/v1/listings", body, key="retry-1")
    again = _post(client, "/api/v1/listings", body, key="retry-1")
    assert (first.status_code, again.status_code) == (201, 201)  # type: ignore[attr-defined]
    assert again.json() == first.json()  # type: ignore[attr-defined]
    assert again["Idempotent-Replayed"] == "true"  # type: ignore[index]
    assert Listing.objects.count() == before + 1
    other = _post(client, "/api/v1/listings", body, key="retry-2")
    assert other.json()["id"] != first.json()["id"]  # type: ignore[attr-defined]
    assert Listing.objects.count() == before + 2


def test_the_same_key_with_a_different_body_is_refused_clearly(market: Market) -> None:
    client = client_for(market.owner)
    body = {**LISTING, "owner_organisation": market.owner_org.pk}
    assert _post(client, "/api/v1/listings", body, key="k").status_code == 201  # type: ignore[attr-defined]
    changed = _post(client, "/api/v1/listings", {**body, "kind": "offer"}, key="k")
    assert changed.status_code == 422  # type: ignore[attr-defined]
    assert "different request" in changed.json()["detail"]  # type: ignore[attr-defined]


def test_keys_belong_to_one_user_and_failed_requests_release_them(market: Market) -> None:
    body = {**LISTING, "owner_organisation": market.owner_org.pk}
    refused = _post(client_for(market.owner), "/api/v1/listings", {**body, "kind": "nonsense"}, key="shared")
    assert refused.status_code == 422  # type: ignore[attr-defined]
    assert not IdempotencyKey.objects.exists()  # nothing was created, the retry runs again
    assert _post(client_for(market.owner), "/api/v1/listings", body, key="shared").status_code == 201  # type: ignore[attr-defined]
    listing = market.listings["public"]
    interest = {"message": "We would like to license it."}
    sent = _post(
        client_for(market.partner), f"/api/v1/listings/{listing.pk}/interests", interest, key="shared"
    )
    assert sent.status_code == 201  # type: ignore[attr-defined]
    assert ExpressionOfInterest.objects.filter(listing=listing).count() == 1


def test_a_bad_key_and_an_anonymous_caller(market: Market) -> None:
    body = {**LISTING, "owner_organisation": market.owner_org.pk}
    assert _post(client_for(market.owner), "/api/v1/listings", body, key="x" * 256).status_code == 422  # type: ignore[attr-defined]
    assert _post(Client(), "/api/v1/listings", body, key="k").status_code == 401  # type: ignore[attr-defined]


@pytest.mark.django_db
def test_the_database_allows_one_row_per_user_and_key(market: Market) -> None:
    now = timezone.now()
    IdempotencyKey.objects.create(user=market.owner, key="k", fingerprint="a", created_at=now)
    with pytest.raises(IntegrityError), transaction.atomic():
        IdempotencyKey.objects.create(user=market.owner, key="k", fingerprint="a", created_at=now)


def test_expired_keys_are_purged_and_reusable(market: Market) -> None:
    client = client_for(market.owner)
    body = {**LISTING, "owner_organisation": market.owner_org.pk}
    _post(client, "/api/v1/listings", body, key="old")
    IdempotencyKey.objects.update(created_at=timezone.now() - KEY_LIFETIME - timedelta(minutes=1))
    again = _post(client, "/api/v1/listings", body, key="old")
    assert again.status_code == 201  # type: ignore[attr-defined]
    assert "Idempotent-Replayed" not in again  # type: ignore[operator]
    IdempotencyKey.objects.update(created_at=timezone.now() - KEY_LIFETIME - timedelta(minutes=1))
    assert purge_idempotency_keys.call() == 1
    assert not IdempotencyKey.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_concurrent_duplicates_create_one_object() -> None:
    market = build_market()
    _token, secret = do_create_api_token(user=market.owner, name="retrying client")
    body = {**LISTING, "owner_organisation": market.owner_org.pk}
    before = Listing.objects.count()
    statuses: list[int] = []
    start = threading.Barrier(4)

    def send() -> None:
        try:
            start.wait()
            response = _post(
                Client(), "/api/v1/listings", body, key="storm", Authorization=f"Bearer {secret}"
            )
            statuses.append(response.status_code)  # type: ignore[attr-defined]
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Listing.objects.count() == before + 1
    assert sorted(set(statuses)) <= [201, 409]
    assert 201 in statuses
