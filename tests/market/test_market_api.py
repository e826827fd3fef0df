"""The market API: CRUD with the pages' permissions, actions, and incremental sync with a cursor."""

from __future__ import annotations

import json

from django.test import Client
from market_world import Market

from world import client_for

LISTING = {
    "kind": "demand",
    "title": {"zh-hans": "寻求低温锂电池电解液配方"},
    "summary": {"zh-hans": "用于寒冷地区电动公交车的电池"},
    "technology_fields": ["2.5"],
    "keywords": ["电解液", "低温"],
    "partnership_types": ["licence"],
    "deadline": "2026-12-31",
}


def _post(client: Client, url: str, body: dict[str, object]) -> object:
    return client.post(url, json.dumps(body), content_type="application/json")


def test_create_patch_submit_and_approve_through_the_api(market: Market) -> None:
    owner, operator = client_for(market.owner), client_for(market.operator)

    created = _post(owner, "/api/v1/listings", {**LISTING, "owner_organisation": market.owner_org.pk})
    pk = created.json()["id"]  # type: ignore[attr-defined]
    patched = owner.patch(f"/api/v1/listings/{pk}", json.dumps({"trl": 4}), content_type="application/json")
    submitted = _post(owner, f"/api/v1/listings/{pk}/actions", {"action": "submit"})
    approved = _post(operator, f"/api/v1/listings/{pk}/actions", {"action": "approve"})
    history = operator.get(f"/api/v1/listings/{pk}/history").json()

    assert [r.status_code for r in (created, patched, submitted, approved)] == [201, 200, 200, 200]  # type: ignore[attr-defined]
    assert approved.json()["status"] == "published"  # type: ignore[attr-defined]
    assert [entry["to_status"] for entry in history] == ["draft", "submitted", "published"]
    assert client_for(market.outsider).get("/api/v1/listings?q=电解液").json()["count"] == 3


def test_create_for_foreign_organisation_is_refused(market: Market) -> None:
    response = _post(
        client_for(market.owner), "/api/v1/listings", {**LISTING, "owner_organisation": market.outside_org.pk}
    )

    assert response.status_code == 422  # type: ignore[attr-defined]


def test_create_rejects_html_in_title_and_too_many_keywords(market: Market) -> None:
    client = client_for(market.owner)
    body = {**LISTING, "owner_organisation": market.owner_org.pk}

    html = _post(client, "/api/v1/listings", {**body, "title": {"en": "<b>x</b> y z"}})
    many = _post(client, "/api/v1/listings", {**body, "keywords": ["a", "b", "c", "d", "e", "f"]})

    assert (html.status_code, many.status_code) == (422, 422)  # type: ignore[attr-defined]


def test_write_needs_csrf_with_session(market: Market) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(market.owner)

    response = _post(client, "/api/v1/listings", {**LISTING, "owner_organisation": market.owner_org.pk})

    assert response.status_code == 403  # type: ignore[attr-defined]


def test_patch_of_hidden_listing_is_404(market: Market) -> None:
    response = client_for(market.outsider).patch(
        f"/api/v1/listings/{market.listings['draft'].pk}",
        json.dumps({"trl": 3}),
        content_type="application/json",
    )

    assert response.status_code == 404


def test_delete_only_drafts(market: Market) -> None:
    client = client_for(market.owner)

    published = client.delete(f"/api/v1/listings/{market.listings['public'].pk}")
    draft = client.delete(f"/api/v1/listings/{market.listings['draft'].pk}")

    assert (published.status_code, draft.status_code) == (422, 204)


def test_sync_pages_through_every_change_with_a_cursor(market: Market) -> None:
    client = client_for(market.outsider)
    seen: list[int] = []
    url = "/api/v1/listings/sync?limit=1"
    for _ in range(10):
        page = client.get(url).json()
        seen += [item["id"] for item in page["items"]]
        if page["next_cursor"] is None:
            break
        url = f"/api/v1/listings/sync?limit=1&cursor={page['next_cursor']}"

    assert seen == [market.listings["public"].pk, market.listings["anonymous"].pk]


def test_sync_modified_since_skips_older_changes(market: Market) -> None:
    client = client_for(market.owner)
    newest = client.get("/api/v1/listings/sync").json()["items"][-1]

    later = client.get("/api/v1/listings/sync", {"modified_since": newest["updated_at"]}).json()

    assert [item["id"] for item in later["items"]] == [newest["id"]]


def test_sync_bad_cursor_is_422(market: Market) -> None:
    assert client_for(market.owner).get("/api/v1/listings/sync?cursor=%%%").status_code == 422


def test_interest_crud_through_the_api(market: Market) -> None:
    client = client_for(market.partner)
    pk = market.listings["public"].pk

    created = _post(client, f"/api/v1/listings/{pk}/interests", {"message": "Interested", "timeline": "Q3"})
    public_id = created.json()["id"]  # type: ignore[attr-defined]
    patched = client.patch(
        f"/api/v1/interests/{public_id}",
        json.dumps({"message": "Very interested"}),
        content_type="application/json",
    )
    accepted = _post(client_for(market.owner), f"/api/v1/interests/{public_id}/actions", {"action": "accept"})
    listed = client.get("/api/v1/interests").json()

    assert [created.status_code, patched.status_code, accepted.status_code] == [201, 200, 200]  # type: ignore[attr-defined]
    assert (accepted.json()["status"], listed["count"]) == ("accepted", 1)  # type: ignore[attr-defined]
