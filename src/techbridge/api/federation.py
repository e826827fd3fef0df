"""The federation protocol in the OpenAPI document: one definition in code for every endpoint.

The protocol (docs/federation.md) is served by plain Django views (`federation.views.protocol`):
partners call fixed addresses under `/federation/`, not under `/api/`, and authenticate with RFC
9421 HTTP Message Signatures (decision 0016), which no API framework here speaks. Its operations
are added to the generated schema from `OPERATIONS` below: the paths come from the URL
configuration (`reverse` of each route), the bodies from the pydantic models, the limits from
the code that enforces them. `tests/federation/test_federation_openapi.py` checks that every
protocol URL has its operation and that real answers match the documented bodies.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from django.urls import reverse
from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import models_json_schema

from techbridge.federation.domain.signing import CONTENT_TYPE
from techbridge.federation.views.protocol import MAX_BODY_BYTES
from techbridge_core.federation.activity import MAX_PAGE_ITEMS
from techbridge_core.federation.paging import DEFAULT_LIMIT, MAX_LIMIT
from techbridge_core.federation.signing import (
    BODY_COMPONENTS,
    COVERED_COMPONENTS,
    CREATED_WINDOW_SECONDS,
    LABEL,
    TAG,
)

SECURITY_SCHEME = "FederationSignature"
TAG_NAME = "federation"


class FederationError(BaseModel):
    """A refusal: its reason (also logged, and counted in the partner's errors)."""

    model_config = ConfigDict(extra="forbid")
    error: str


class Actor(BaseModel):
    """This installation: its address (also its key id), name, endpoints and public key."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    context: list[Any] = Field(alias="@context")
    id: str = Field(description="The installation's base URL, also the `keyid` of its signatures")
    type: Literal["Application"]
    name: str
    outbox: str
    inbox: str
    public_key_pem: str = Field(
        alias="publicKeyPem", description="Ed25519 public key, SubjectPublicKeyInfo PEM"
    )


RecordType = Literal["listing", "event", "instrument"]


class SharedObject(BaseModel):
    """One shared record as an ActivityStreams 2.0 object (plain texts, one per language)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    id: str = Field(description="`<base>/federation/objects/<tb:recordType>/<local id>`")
    type: Literal["Document", "Event", "Object"]
    record_type: RecordType = Field(alias="tb:recordType")
    version: int = Field(alias="tb:version", description="The change's sequence number at the origin")
    audience: Literal["public", "alliance"] = Field(alias="tb:audience")
    to: list[str]
    name_map: dict[str, str] = Field(alias="nameMap")
    summary_map: dict[str, str] = Field(alias="summaryMap")
    content_map: dict[str, str] = Field(alias="contentMap")
    url: str = Field(description="The record's page at the origin")
    centre: str = Field(alias="tb:centre")
    attributed_to: str = Field(
        alias="attributedTo", description="The owner organisation; empty for anonymous listings"
    )
    updated: str
    attributes: dict[str, Any] = Field(
        alias="tb:attributes",
        description="Per type: listingKind, country, keywords, openForInterest, contactName...; "
        "event dates, city, programmeUrl, registrationUrl; facility, manufacturer, model, status",
    )


class TombstoneObject(BaseModel):
    """A record no longer shared (withdrawn, expired, audience narrowed, no longer shared)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    id: str
    type: Literal["Tombstone"]
    former_type: Literal["Document", "Event", "Object"] = Field(alias="formerType")
    record_type: RecordType = Field(alias="tb:recordType")
    version: int = Field(alias="tb:version")
    deleted: str


class FeedPage(BaseModel):
    """One page of changes, oldest first; pass `tb:nextCursor` as `cursor` for the next one."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    context: list[Any] = Field(alias="@context")
    id: str
    type: Literal["OrderedCollectionPage"]
    part_of: str = Field(alias="partOf")
    ordered_items: list[SharedObject | TombstoneObject] = Field(
        alias="orderedItems", max_length=MAX_PAGE_ITEMS
    )
    next_cursor: str | None = Field(alias="tb:nextCursor")
    has_more: bool = Field(alias="tb:hasMore")
    next: str | None = Field(default=None, description="The next page's URL, while `tb:hasMore`")


class InterestOffer(BaseModel):
    """An expression of interest on one of our listings, sent by a partner's member."""

    model_config = ConfigDict(populate_by_name=True)
    context: str | list[Any] | None = Field(default=None, alias="@context")
    type: Literal["Offer"]
    id: str = Field(description="Under the sender's own base URL")
    interest_id: str = Field(alias="tb:interestId", description="UUID: the same id twice is one EOI")
    actor: str = Field(description="The sender installation's base URL")
    object: str = Field(description="The `id` of one of our listings, as our feed gave it")
    content: str = Field(max_length=4000, description="Plain text")
    sender_name: str = Field(default="", alias="tb:senderName", max_length=150)
    sender_organisation: str = Field(default="", alias="tb:senderOrganisation", max_length=200)
    published: str | None = None


class InterestAnswer(BaseModel):
    """The EOI the offer became here (or, for a status check, the one it became): its status."""

    model_config = ConfigDict(extra="forbid")
    id: str
    status: str = Field(description="sent, forwarded, accepted, declined, withdrawn...")


class Handshake(BaseModel):
    """An invited installation introduces itself: the invitation's token and its own key."""

    model_config = ConfigDict(populate_by_name=True)
    type: str | None = Field(default=None, examples=["Follow"])
    token: str = Field(description="The one-time token of the invitation code")
    url: str = Field(description="Its base URL: the `keyid` of this request's signature")
    name: str
    centres: str = ""
    public_key_pem: str = Field(
        alias="publicKeyPem", description="Its Ed25519 public key; the request is signed with it"
    )


class HandshakeAnswer(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(description="Our base URL")
    name: str
    partner: str = Field(description="The address we now know the caller by")


MODELS: tuple[type[BaseModel], ...] = (
    FederationError,
    Actor,
    SharedObject,
    TombstoneObject,
    FeedPage,
    InterestOffer,
    InterestAnswer,
    Handshake,
    HandshakeAnswer,
)

_REFUSALS = {
    400: "Malformed request (or text refused by the middleware, e.g. a NUL character)",
    401: "No signature, a bad one, an unknown key, `created` outside the window, or a replayed nonce",
    403: "The partner is paused or removed",
    404: "No interest with this id was sent by this partner",
    413: f"A body larger than {MAX_BODY_BYTES} bytes or of unknown length",
    422: "The content is refused (its reason says why); the partner's error count is raised",
    429: "Over the partner's requests per minute",
}


@dataclass(frozen=True)
class Operation:
    route: str
    """The URL name in the `federation` namespace."""
    method: Literal["get", "post"]
    summary: str
    description: str
    answers: dict[int, type[BaseModel] | None]
    """Status → documented body (None: a refusal, `FederationError`)."""
    body: type[BaseModel] | None = None
    signed: bool = True
    parameters: list[dict[str, Any]] = field(default_factory=list)
    path_parameters: dict[str, str] = field(default_factory=dict)
    """Path parameter → its OpenAPI format; reversed with a placeholder to find the path."""


def _query(name: str, description: str, **schema: Any) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


OPERATIONS: tuple[Operation, ...] = (
    Operation(
        route="actor",
        method="get",
        summary="This installation",
        description="Address, name, endpoints and public key; the only endpoint without a signature.",
        answers={200: Actor, 400: None},
        signed=False,
    ),
    Operation(
        route="outbox",
        method="get",
        summary="The feed of shared records",
        description=(
            "One `OrderedCollectionPage` of changes to the shared listings, events and instruments "
            "(a record no longer shared is a `Tombstone` with the same `id`), in the order of the "
            "origin's sequence numbers. Start without `cursor`, then pass the `tb:nextCursor` of the "
            "last page imported; `tb:hasMore` says whether another page follows."
        ),
        answers={200: FeedPage, 400: None, 401: None, 403: None, 413: None, 429: None},
        parameters=[
            _query("cursor", "Opaque: the `tb:nextCursor` of the previous page", type="string"),
            _query(
                "limit",
                f"Items per page (default {DEFAULT_LIMIT}, at most {MAX_LIMIT})",
                type="integer",
                minimum=1,
                maximum=MAX_LIMIT,
            ),
            _query("modified_since", "ISO 8601: only changes made since then", type="string"),
        ],
    ),
    Operation(
        route="inbox",
        method="post",
        summary="Deliver an expression of interest",
        description=(
            "An `Offer` on one of our listings becomes a normal expression of interest here, handled "
            "by the listing's broker or owner. The same `tb:interestId` again answers 200 with the "
            "same EOI (retries are safe)."
        ),
        answers={
            200: InterestAnswer,
            201: InterestAnswer,
            400: None,
            401: None,
            403: None,
            413: None,
            422: None,
            429: None,
        },
        body=InterestOffer,
    ),
    Operation(
        route="interest",
        method="get",
        summary="The status of an expression of interest this partner sent",
        description="Asked by the sender's installation after delivery; the status comes back to the sender.",
        answers={200: InterestAnswer, 400: None, 401: None, 403: None, 404: None, 413: None, 429: None},
        path_parameters={"remote_uuid": "uuid"},
    ),
    Operation(
        route="handshake",
        method="post",
        summary="An invited installation introduces itself",
        description=(
            "Carries the one-time token of an invitation and the caller's key; signed with that key "
            "(proof of possession), with `keyid` equal to `url`. The caller becomes a partner."
        ),
        answers={201: HandshakeAnswer, 400: None, 401: None, 403: None, 413: None},
        body=Handshake,
    ),
)

SIGNATURE_DESCRIPTION = (
    "RFC 9421 HTTP Message Signatures with Ed25519 (decision 0016). Headers `Signature-Input` and "
    f"`Signature`, label `{LABEL}`, covering {', '.join(f'`{c}`' for c in COVERED_COMPONENTS)} and, "
    f"with a body, {', '.join(f'`{c}`' for c in BODY_COMPONENTS if c not in COVERED_COMPONENTS)} "
    "(RFC 9530 `Content-Digest` header); parameters `created` (within "
    f"{CREATED_WINDOW_SECONDS} s), `keyid` (the caller's base URL, a known partner), `nonce` "
    f'(never reused), `alg="ed25519"`, `tag="{TAG}"`. Refused with 401; a paused or removed '
    "partner with 403; over its requests per minute with 429."
)


def operation_path(operation: Operation) -> str:
    """The OpenAPI path of an operation, from the URL configuration itself."""
    placeholders = {
        name: f"00000000-0000-4000-8000-00000000000{i}" for i, name in enumerate(operation.path_parameters)
    }
    path = reverse(f"federation:{operation.route}", kwargs=placeholders or None)
    for name, placeholder in placeholders.items():
        path = path.replace(placeholder, "{" + name + "}")
    return path


def _content(model: type[BaseModel] | None, media_type: str) -> dict[str, Any]:
    name = (model or FederationError).__name__
    return {media_type: {"schema": {"$ref": f"#/components/schemas/{name}"}}}


def _operation(operation: Operation) -> dict[str, Any]:
    responses: dict[int, Any] = {}
    for status, model in operation.answers.items():
        description = (model.__doc__ or "").strip().split("\n")[0] if model else _REFUSALS[status]
        media_type = CONTENT_TYPE if model is not None else "application/json"
        responses[status] = {"description": description or "OK", "content": _content(model, media_type)}
    document: dict[str, Any] = {
        "operationId": f"federation_{operation.route}",
        "summary": operation.summary,
        "description": operation.description,
        "tags": [TAG_NAME],
        "responses": responses,
        "security": [{SECURITY_SCHEME: []}] if operation.signed else [],
    }
    parameters = [
        {"name": name, "in": "path", "required": True, "schema": {"type": "string", "format": fmt}}
        for name, fmt in operation.path_parameters.items()
    ] + operation.parameters
    if parameters:
        document["parameters"] = parameters
    if operation.body is not None:
        document["requestBody"] = {"required": True, "content": _content(operation.body, CONTENT_TYPE)}
    return document


def add_federation_operations(schema: dict[str, Any]) -> None:
    """Add the protocol's paths, bodies and signature scheme to the API's OpenAPI document."""
    _, definitions = models_json_schema(
        [(model, "validation") for model in MODELS], ref_template="#/components/schemas/{model}"
    )
    components = schema.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    for name, definition in definitions.get("$defs", {}).items():
        if schemas.setdefault(name, definition) != definition:
            raise ValueError(f"the API already has a schema named {name}: rename the federation model")
    components.setdefault("securitySchemes", {})[SECURITY_SCHEME] = {
        "type": "apiKey",
        "in": "header",
        "name": "Signature",
        "description": SIGNATURE_DESCRIPTION,
    }
    for operation in OPERATIONS:
        schema["paths"].setdefault(operation_path(operation), {})[operation.method] = _operation(operation)
