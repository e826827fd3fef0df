"""The federation endpoints in the OpenAPI document (docs/api/openapi.json): every protocol URL has
its operation with the RFC 9421 signature scheme, and real answers match the documented bodies
(validated against the generated document itself, with jsonschema-rs, which schemathesis brings).
"""

from __future__ import annotations

import json
import uuid
from datetime import timedelta
from typing import Any

import jsonschema_rs
import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from federation_partner import PARTNER, SigningPartner

from factories import make_centre, make_organisation
from techbridge.api.api import api
from techbridge.api.federation import SECURITY_SCHEME
from techbridge.events.enums import EventStatus
from techbridge.events.models import Event
from techbridge.federation.domain.partners import create_invitation, read_invitation
from techbridge.federation.views import protocol
from techbridge.instruments.models import Facility, Instrument, InstrumentCategory
from techbridge.market.enums import ListingKind, ListingStatus, Visibility
from techbridge.market.models import Listing

# The federation routes that are HTML pages for people, not protocol endpoints for partners.
PAGES = {"search", "record", "partners", "partner_status"}
SERVER = "http://testserver"


def _federation_routes() -> dict[str, tuple[str, object]]:
    """URL name → (OpenAPI-style path, view) of every route in the federation namespace."""
    found: dict[str, tuple[str, object]] = {}

    def walk(patterns: list[URLPattern | URLResolver], prefix: str, namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace or namespace
                walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif namespace == "federation" and pattern.name:
                path = "/" + prefix + str(pattern.pattern)
                for converter in ("uuid", "int", "str", "slug"):
                    path = path.replace(f"<{converter}:", "{")
                found[pattern.name] = (path.replace(">", "}"), pattern.callback)

    walk(get_resolver().url_patterns, "", "")
    return found


def _schema() -> dict[str, Any]:
    return api.get_openapi_schema()


def test_federation_every_protocol_url_is_in_the_openapi_schema() -> None:
    routes = _federation_routes()
    documented = {path for path in _schema()["paths"] if path.startswith("/federation/")}
    protocol_routes = {
        name: path for name, (path, view) in routes.items() if view.__module__ == protocol.__name__
    }

    assert set(routes) - set(protocol_routes) == PAGES  # anything else must be documented too
    assert set(protocol_routes.values()) == documented


def test_federation_operations_require_the_signature_scheme() -> None:
    schema = _schema()
    scheme = schema["components"]["securitySchemes"][SECURITY_SCHEME]
    assert "RFC 9421" in scheme["description"]
    for path, operations in schema["paths"].items():
        if not path.startswith("/federation/"):
            continue
        for method, operation in operations.items():
            expected = [] if path == "/federation/" else [{SECURITY_SCHEME: []}]
            assert operation["security"] == expected, f"{method} {path}"
            assert 401 in operation["responses"] or path == "/federation/", f"{method} {path}"


def test_federation_documented_methods_are_the_served_ones(client: Client, db: None) -> None:
    """Unsigned: the documented method answers a documented refusal (or the actor), any other 405."""
    for path, operations in _schema()["paths"].items():
        if not path.startswith("/federation/"):
            continue
        url = path.replace("{remote_uuid}", str(uuid.uuid4()))
        for method, operation in operations.items():
            if method == "post":
                answer = client.post(url, b"{}", content_type="application/activity+json")
            else:
                answer = client.get(url)
            assert answer.status_code in operation["responses"], f"{method} {path}: {answer.status_code}"
            other = "post" if method == "get" else "get"
            if other not in operations:
                assert getattr(client, other)(url).status_code == 405, f"{other} {path}"


def _validator(schema: dict[str, Any], path: str, method: str, status: int) -> Any:
    content = schema["paths"][path][method]["responses"][status]["content"]
    (body,) = content.values()
    return jsonschema_rs.validator_for({**body["schema"], "components": schema["components"]})


def _assert_matches(schema: dict[str, Any], path: str, method: str, answer: Any) -> dict[str, Any]:
    document = json.loads(answer.content)
    documented = schema["paths"][path][method]["responses"][answer.status_code]["content"]
    assert answer["Content-Type"].split(";")[0] in documented
    errors = [
        str(error) for error in _validator(schema, path, method, answer.status_code).iter_errors(document)
    ]
    assert not errors, f"{method} {path} {answer.status_code}: {errors[:3]}"
    return document  # type: ignore[no-any-return]


def _listing() -> Listing:
    return Listing.objects.create(
        kind=ListingKind.OFFER,
        status=ListingStatus.PUBLISHED,
        visibility=Visibility.PUBLIC,
        title={"en": "Solid-state battery cathode"},
        summary={"en": "A cathode"},
        owner_organisation=make_organisation(),
        centre=make_centre(),
        country="CN",
        published_at=timezone.now(),
    )


def _share_one_of_each() -> Listing:
    listing = _listing()
    Event.objects.create(
        slug="cq-fair",
        title={"en": "Chongqing technology fair"},
        status=EventStatus.PUBLISHED,
        time_zone="Asia/Shanghai",
        starts_on=timezone.localdate() + timedelta(days=30),
        ends_on=timezone.localdate() + timedelta(days=31),
        city="Chongqing",
        country="CN",
        registration_open=True,
        shared_with_alliance=True,
    )
    facility = Facility.objects.create(
        organisation=listing.owner_organisation, name={"en": "Imaging core"}, is_public=True
    )
    Instrument.objects.create(
        facility=facility,
        category=InstrumentCategory.objects.create(code="0301", name={"en": "Microscopes"}),
        name={"en": "Cryo electron microscope"},
        shared_with_alliance=True,
    )
    return listing


@pytest.mark.django_db
def test_federation_real_answers_match_the_documented_bodies(client: Client, settings: Any) -> None:
    settings.SITE_URL = SERVER
    schema = _schema()
    partner = SigningPartner()
    listing = _share_one_of_each()

    _assert_matches(schema, "/federation/", "get", client.get("/federation/"))
    refused = client.get("/federation/outbox/")
    assert refused.status_code == 401
    _assert_matches(schema, "/federation/outbox/", "get", refused)

    outbox = f"{SERVER}/federation/outbox/"
    page = _assert_matches(
        schema,
        "/federation/outbox/",
        "get",
        client.get("/federation/outbox/", **partner.headers("GET", outbox)),
    )
    assert {item["tb:recordType"] for item in page["orderedItems"]} == {"listing", "event", "instrument"}
    listing.status = ListingStatus.WITHDRAWN
    listing.save()
    later = f"{outbox}?cursor={page['tb:nextCursor']}"
    tombstones = _assert_matches(
        schema,
        "/federation/outbox/",
        "get",
        client.get(later.removeprefix(SERVER), **partner.headers("GET", later)),
    )
    assert [item["type"] for item in tombstones["orderedItems"]] == ["Tombstone"]

    interest = str(uuid.uuid4())
    offer = json.dumps(
        {
            "type": "Offer",
            "id": f"{PARTNER}/federation/interests/{interest}",
            "tb:interestId": interest,
            "actor": PARTNER,
            "object": f"{SERVER}/federation/objects/listing/{_listing().pk}",
            "content": "We would like a licence.",
        }
    ).encode()
    inbox = f"{SERVER}/federation/inbox/"
    delivered = client.post(
        "/federation/inbox/",
        offer,
        content_type="application/activity+json",
        **partner.headers("POST", inbox, offer),
    )
    assert delivered.status_code == 201
    _assert_matches(schema, "/federation/inbox/", "post", delivered)

    status_url = f"{SERVER}/federation/interests/{interest}/"
    status = client.get(status_url.removeprefix(SERVER), **partner.headers("GET", status_url))
    assert _assert_matches(schema, "/federation/interests/{remote_uuid}/", "get", status)["status"] == "sent"
    unknown_url = f"{SERVER}/federation/interests/not-a-uuid/"
    unknown = client.get(unknown_url.removeprefix(SERVER), **partner.headers("GET", unknown_url))
    assert unknown.status_code == 404
    _assert_matches(schema, "/federation/interests/{remote_uuid}/", "get", unknown)


@pytest.mark.django_db
def test_federation_handshake_answer_matches_the_documented_body(client: Client, settings: Any) -> None:
    settings.SITE_URL = SERVER
    partner = SigningPartner()
    token = read_invitation(create_invitation(name="Budapest", created_by=None, now=timezone.now())).token
    body = json.dumps(
        {"type": "Follow", "token": token, "url": PARTNER, "name": "Budapest", "centres": "Budapest Centre",
         "publicKeyPem": partner.partner.public_key_pem}
    ).encode()  # fmt: skip
    url = f"{SERVER}/federation/handshake/"

    answer = client.post(
        "/federation/handshake/",
        body,
        content_type="application/activity+json",
        **partner.headers("POST", url, body),
    )

    assert answer.status_code == 201
    _assert_matches(_schema(), "/federation/handshake/", "post", answer)
