"""Federation in one process: signatures, replays, rate limits, and what a partner may not send.

A partner is simulated by its own Ed25519 key signing requests to the test client
(federation_partner.py); pages it
"serves" replace only the network call (`signed_request` of the pulling module), so everything
after the bytes arrive (checks, transaction, cursor, error count) runs for real.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from federation_partner import PARTNER, SigningPartner

from factories import make_alliance, make_centre, make_operator, make_organisation
from techbridge.federation.domain import interests, pulling
from techbridge.federation.domain.signing import Answer, PartnerUnreachableError
from techbridge.federation.enums import PartnerStatus
from techbridge.federation.models import OutboxMessage, Partner, RemoteRecord
from techbridge.market.access import visible_interests
from techbridge.market.enums import ListingKind, ListingStatus, Visibility
from techbridge.market.models import ExpressionOfInterest, Listing
from techbridge_core.federation.activity import as_object, collection_page, tombstone

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner() -> SigningPartner:
    return SigningPartner()


@pytest.fixture
def listings() -> dict[str, Listing]:
    centre = make_centre(alliance=make_alliance())
    make_operator(centre)
    owner = make_organisation()
    made = {}
    for name, visibility in (
        ("public", Visibility.PUBLIC),
        ("alliance", Visibility.ALLIANCE),
        ("centre", Visibility.CENTRE),
    ):
        made[name] = Listing.objects.create(
            kind=ListingKind.OFFER,
            status=ListingStatus.PUBLISHED,
            visibility=visibility,
            title={"en": f"{name} listing"},
            summary={"en": "s"},
            owner_organisation=owner,
            centre=centre,
            country="CN",
            published_at=timezone.now(),
        )
    return made


OUTBOX = "http://testserver/federation/outbox/"


def test_federation_outbox_serves_shared_listings_to_a_signed_partner(
    client: Client, partner: SigningPartner, listings: dict[str, Listing]
) -> None:
    answer = client.get("/federation/outbox/", **partner.headers("GET", OUTBOX))

    assert answer.status_code == 200
    page = answer.json()
    titles = {item["nameMap"]["en"]: item["tb:audience"] for item in page["orderedItems"]}
    assert titles == {"public listing": "public", "alliance listing": "alliance"}
    assert page["type"] == "OrderedCollectionPage"
    assert page["tb:hasMore"] is False

    listings["public"].status = ListingStatus.WITHDRAWN
    listings["public"].save()
    cursor = page["tb:nextCursor"]
    url = f"{OUTBOX}?cursor={cursor}"
    later = client.get(f"/federation/outbox/?cursor={cursor}", **partner.headers("GET", url)).json()
    assert [item["type"] for item in later["orderedItems"]] == ["Tombstone"]


def test_federation_refuses_unsigned_tampered_replayed_paused_and_flooding(
    client: Client, partner: SigningPartner, settings: Any
) -> None:
    assert client.get("/federation/outbox/").status_code == 401
    tampered = partner.headers("GET", OUTBOX + "?limit=1")
    assert client.get("/federation/outbox/?limit=2", **tampered).status_code == 401
    headers = partner.headers("GET", OUTBOX)
    assert client.get("/federation/outbox/", **headers).status_code == 200
    assert client.get("/federation/outbox/", **headers).status_code == 401  # the same nonce: a replay
    partner.partner.refresh_from_db()
    assert partner.partner.error_count == 2
    assert "replay" in partner.partner.last_error

    Partner.objects.filter(pk=partner.partner.pk).update(rate_limit_per_minute=1)
    assert client.get("/federation/outbox/", **partner.headers("GET", OUTBOX)).status_code in (200, 429)
    assert client.get("/federation/outbox/", **partner.headers("GET", OUTBOX)).status_code == 429

    Partner.objects.filter(pk=partner.partner.pk).update(
        status=PartnerStatus.PAUSED, rate_limit_per_minute=600
    )
    assert client.get("/federation/outbox/", **partner.headers("GET", OUTBOX)).status_code == 403


def _offer(listing: Listing, **changes: Any) -> bytes:
    interest = str(changes.pop("interest", uuid.uuid4()))
    offer = {
        "type": "Offer",
        "id": f"{PARTNER}/federation/interests/{interest}",
        "tb:interestId": interest,
        "actor": PARTNER,
        "object": f"http://127.0.0.1:8000/federation/objects/listing/{listing.pk}",
        "content": "We would like a licence.",
        "tb:senderName": "Anna",
        "tb:senderOrganisation": "Budapest Photonics",
    } | changes
    return json.dumps(offer).encode()


def _post(client: Client, partner: SigningPartner, body: bytes) -> Any:
    url = "http://testserver/federation/inbox/"
    return client.post(
        "/federation/inbox/",
        body,
        content_type="application/activity+json",
        **partner.headers("POST", url, body),
    )


def test_federation_inbound_interest_becomes_an_eoi_once(
    client: Client, partner: SigningPartner, listings: dict[str, Listing], settings: Any
) -> None:
    settings.SITE_URL = "http://127.0.0.1:8000"
    body = _offer(listings["public"])

    first = _post(client, partner, body)
    second = _post(client, partner, body)

    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["id"] == second.json()["id"]
    interest = ExpressionOfInterest.objects.get()
    assert "Anna, Budapest Photonics (via Budapest)" in interest.message
    broker = listings["public"].centre.operators.get().user
    assert list(visible_interests(broker)) == [interest]

    for bad in (
        _offer(listings["public"], content="<script>alert(1)</script>"),
        _offer(listings["centre"]),
        _offer(listings["public"], actor="https://evil.example.org"),
        b"{not json",
    ):
        assert _post(client, partner, bad).status_code == 422
    assert ExpressionOfInterest.objects.count() == 1


def _page(*items: dict[str, Any], cursor: str = "s9") -> Answer:
    document = collection_page(
        page_id="p", collection_id="c", items=items, next_url=None, next_cursor=cursor, has_more=False
    )
    return Answer(200, json.dumps(document).encode(), "application/activity+json")


def _remote(pk: int, version: int, **changes: Any) -> dict[str, Any]:
    item = as_object(
        base_url=PARTNER,
        kind="listing",
        pk=pk,
        version=version,
        audience="alliance",
        name={"en": f"Remote {pk}"},
        summary={},
        content={},
        url=f"{PARTNER}/market/listings/{pk}/",
        centre="Budapest Centre",
        attributed_to="",
        updated="",
        attributes={},
    )
    return item | changes


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        (Answer(200, b"{not json", "application/activity+json"), "malformed JSON"),
        (Answer(200, b"<html><body>hi</body></html>", "text/html"), "not JSON"),
        (Answer(200, b"x" * 2_000_001, "application/json"), "larger"),
        (_page(_remote(1, 1), _remote(2, 2, nameMap={"en": "<img src=x onerror=alert(1)>"})), "markup"),
        (
            _page(_remote(1, 1), _remote(2, 2, id="https://cq.example.org/federation/objects/listing/2")),
            "origin",
        ),
        (Answer(500, b"", "text/plain"), "500"),
    ],
)
def test_federation_pull_refuses_bad_pages_whole(
    partner: SigningPartner, monkeypatch: pytest.MonkeyPatch, answer: Answer, reason: str
) -> None:
    monkeypatch.setattr(pulling, "signed_request", lambda method, url, payload=None: answer)

    result = pulling.pull_partner(partner.partner, now=timezone.now())

    partner.partner.refresh_from_db()
    assert reason in result.refused
    assert partner.partner.error_count == 1
    assert reason in partner.partner.last_error
    assert partner.partner.cursor == ""
    assert not RemoteRecord.objects.exists()


def test_federation_pull_stores_recognises_duplicates_and_tombstones(
    partner: SigningPartner, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = iter(
        [
            _page(_remote(1, 1), _remote(2, 2), cursor="s2"),
            _page(_remote(1, 1), cursor="s2"),
            _page(tombstone(base_url=PARTNER, kind="listing", pk=1, version=3, deleted="x"), cursor="s3"),
        ]
    )
    monkeypatch.setattr(pulling, "signed_request", lambda method, url, payload=None: next(pages))

    first = pulling.pull_partner(partner.partner, now=timezone.now())
    again = pulling.pull_partner(partner.partner, now=timezone.now())
    withdrawn = pulling.pull_partner(partner.partner, now=timezone.now())

    assert (first.stored, again.duplicates, withdrawn.withdrawn) == (2, 1, 1)
    assert RemoteRecord.objects.count() == 2
    partner.partner.refresh_from_db()
    assert partner.partner.cursor == "s3"
    assert sorted(RemoteRecord.objects.filter(deleted=False).values_list("remote_id", flat=True)) == [
        f"{PARTNER}/federation/objects/listing/2"
    ]


def test_federation_remote_records_respect_audience_and_partner_status(
    client: Client, partner: SigningPartner, monkeypatch: pytest.MonkeyPatch
) -> None:
    public = _remote(1, 1) | {"tb:audience": "public", "to": ["https://www.w3.org/ns/activitystreams#Public"]}
    monkeypatch.setattr(
        pulling, "signed_request", lambda method, url, payload=None: _page(public, _remote(2, 2), cursor="s2")
    )
    pulling.pull_partner(partner.partner, now=timezone.now())
    shown, alliance_only = RemoteRecord.objects.order_by("remote_id")

    search = client.get("/federation/search/?q=remote").content.decode()
    assert "Remote 1" in search
    assert "Remote 2" not in search  # alliance-only: never to anonymous visitors
    assert "From Budapest" in client.get(f"/federation/records/{shown.pk}/").content.decode()
    assert client.get(f"/federation/records/{alliance_only.pk}/").status_code == 404

    def partner_down(method: str, url: str, payload: object = None) -> Answer:
        raise PartnerUnreachableError("connection refused")

    monkeypatch.setattr(interests, "signed_request", partner_down)
    member = make_operator(make_centre(alliance=make_alliance()))
    client.force_login(member)
    assert client.get(f"/federation/records/{alliance_only.pk}/").status_code == 200
    answer = client.post(f"/federation/records/{alliance_only.pk}/", {"message": "Interested in a licence."})
    assert answer.status_code == 302
    assert interests.deliver_due(now=timezone.now()) == {"delivered": 0, "retry": 1, "failed": 0}
    waiting = OutboxMessage.objects.get()
    assert waiting.payload["object"] == alliance_only.remote_id
    assert waiting.status == "pending"  # the partner is down: it waits, retried with back-off
    assert waiting.attempts == 1
    assert waiting.next_attempt_at > timezone.now()
    assert "connection refused" in waiting.last_error

    Partner.objects.filter(pk=partner.partner.pk).update(status=PartnerStatus.PAUSED)
    assert "Remote" not in client.get("/federation/search/?q=remote").content.decode()
    assert client.get(f"/federation/records/{shown.pk}/").status_code == 404
    assert RemoteRecord.objects.count() == 2  # kept for audit


def test_federation_inbox_refuses_a_huge_body_before_reading_it(
    client: Client, partner: SigningPartner, listings: dict[str, Listing]
) -> None:
    body = _offer(listings["public"], content="x" * 70_000)

    assert _post(client, partner, body).status_code == 413
    assert not ExpressionOfInterest.objects.exists()
