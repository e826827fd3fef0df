"""The REST API, version 1: `/api/v1/...`, OpenAPI schema at /api/openapi.json, docs at /api/docs."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema

from techbridge.api import cooperation, directory, events, instruments, market, me, statistics

REFUSED_REQUEST = {
    "description": "The request was refused before reaching the operation (e.g. it contains a NUL character)",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}},
}


class TechbridgeAPI(NinjaAPI):
    """Documents, on every operation, the 400 that techbridge's middleware may answer."""

    def get_openapi_schema(self, **kwargs: Any) -> OpenAPISchema:
        schema = super().get_openapi_schema(**kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                operation["responses"].setdefault(400, REFUSED_REQUEST)
        return schema


api = TechbridgeAPI(
    title="techbridge API",
    version="1",
    description=(
        "The technology-transfer alliance: directory, market, shared instruments. Authenticate with a bearer token "
        "(create one under Account → API tokens) or, from the browser, with the session cookie "
        "and the X-CSRFToken header on writes. Objects you may not see answer 404."
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
