"""The REST API, version 1: `/api/v1/...`, OpenAPI schema at /api/openapi.json, docs at /api/docs."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema

from techbridge.api import cooperation, directory, events, instruments, market, me, statistics
from techbridge.api.federation import add_federation_operations
from techbridge.api.idempotency import HEADER as IDEMPOTENCY_HEADER
from techbridge.api.schemas import validation_detail

REFUSED_REQUEST = {
    "description": "The request was refused before reaching the operation (e.g. it contains a NUL character)",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}},
}


UNAUTHENTICATED = {
    "description": "No credentials, or a bearer token that is unknown or revoked",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}},
}
FORBIDDEN = {
    "description": "Signed in with the session cookie but without a valid X-CSRFToken header",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}},
}
IDEMPOTENCY_CONFLICT = {
    "description": "A request with the same Idempotency-Key is still being processed",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}},
}
IDEMPOTENCY_KEY_PARAMETER = {
    "name": IDEMPOTENCY_HEADER,
    "in": "header",
    "required": False,
    "description": (
        "A unique value chosen by the client (e.g. a UUID), at most 255 characters. A retry with the same "
        "key and the same body gets the first successful answer again (header Idempotent-Replayed: true) "
        "instead of creating a second object; the same key with a different body is refused with 422. "
        "Keys are kept 24 hours per user."
    ),
    "schema": {"type": "string", "maxLength": 255},
}
WRITE_METHODS = frozenset({"post", "put", "patch", "delete"})


class TechbridgeAPI(NinjaAPI):
    """Documents, on every operation, the 400 that techbridge's middleware may answer; on every
    write, the 401 and 403 of the authentication; on every POST, the Idempotency-Key header; and
    the federation protocol's endpoints (plain Django views signed with RFC 9421, api/federation.py)."""

    def get_openapi_schema(self, **kwargs: Any) -> OpenAPISchema:
        schema = super().get_openapi_schema(**kwargs)
        for operations in schema["paths"].values():
            for method, operation in operations.items():
                responses = operation["responses"]
                responses.setdefault(400, REFUSED_REQUEST)
                if method in WRITE_METHODS:
                    responses.setdefault(401, UNAUTHENTICATED)
                    responses.setdefault(403, FORBIDDEN)
                if method == "post":
                    operation.setdefault("parameters", []).append(IDEMPOTENCY_KEY_PARAMETER)
                    responses.setdefault(409, IDEMPOTENCY_CONFLICT)
        add_federation_operations(schema)  # signed Django views, documented from api/federation.py
        return schema


api = TechbridgeAPI(
    title="techbridge API",
    version="1",
    description=(
        "The technology-transfer alliance: directory, market, shared instruments. Authenticate with a bearer token "
        "(create one under Account → API tokens) or, from the browser, with the session cookie "
        "and the X-CSRFToken header on writes. Objects you may not see answer 404. "
        "Every POST accepts an Idempotency-Key header: a client retrying a write whose answer it lost sends "
        "the same key and gets the first answer again, never a second object (keys are kept 24 hours)."
    ),
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)
api.add_router("/v1/", directory.router)
api.add_router("/v1/", me.router)
api.add_router("/v1/", market.router)
api.add_router("/v1/", instruments.router)
api.add_router("/v1/", events.router)
api.add_router("/v1/", cooperation.router)
api.add_router("/v1/", statistics.router)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": "Not found"}, status=404)


@api.exception_handler(ValidationError)
def refused_by_a_rule(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """A domain check_* refused the input: 422 with the field and the reason (forms show the same)."""
    return api.create_response(request, {"detail": validation_detail(exc)}, status=422)
