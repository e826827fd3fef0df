"""Every role × every page and API operation → the expected status. Hidden objects answer 404.

The rows live in tests/project/permission_rows/<app>.py, one module per app, so an app adding a
route adds its row there. `test_every_route_has_a_row` lists the URL patterns from the resolver and
the operations from the OpenAPI document and fails, naming each route that has no row.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
from collections.abc import Iterator

import permission_rows
import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from permission_rows import ROLES, Row

from techbridge.api.api import api
from world import client_for
from world_objects import Objects, build_objects

ROW_MODULES = sorted(name for _finder, name, _pkg in pkgutil.iter_modules(permission_rows.__path__))
# The Django admin's ~230 patterns share one rule (staff with model permissions; everybody else
# is sent to its login page); the rows of project.py check it on its index and the user list.
SHARED_RULE_NAMESPACES = ("admin",)
API_OPERATIONS = "api:"  # /api/v1/... patterns are checked as OpenAPI operations, by method
API_PAGES = {"api:openapi-json", "api:openapi-view", "api:api-root"}


def rows_of(module: str) -> list[Row]:
    return list(importlib.import_module(f"permission_rows.{module}").ROWS)


def _patterns(
    patterns: list[URLPattern | URLResolver], prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from _patterns(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif pattern.name:  # unnamed: the development-only media view
            yield namespace + pattern.name, prefix + str(pattern.pattern)


def routes() -> dict[str, str]:
    """Every route a row must cover: URL names (with their pattern) and API operations."""
    found = {
        name: pattern
        for name, pattern in _patterns(get_resolver().url_patterns)
        if not name.startswith(tuple(f"{ns}:" for ns in SHARED_RULE_NAMESPACES))
        and (not name.startswith(API_OPERATIONS) or name in API_PAGES)
    }
    for path, operations in api.get_openapi_schema()["paths"].items():
        for method in operations:
            found[f"{method.upper()} {path}"] = operations[method].get("tags", ["api"])[0]
    return found


def test_every_route_has_a_row() -> None:
    covered = {row.route for module in ROW_MODULES for row in rows_of(module)}

    missing = [f"{route}  ({where})" for route, where in sorted(routes().items()) if route not in covered]

    assert not missing, (
        "routes without a row in the permission matrix; add one per route (role → expected status) to "
        "tests/project/permission_rows/<app>.py:\n  " + "\n  ".join(missing)
    )


def test_rows_name_existing_routes() -> None:
    known = set(routes()) | {name for name, _pattern in _patterns(get_resolver().url_patterns)}
    stale = sorted({row.route for module in ROW_MODULES for row in rows_of(module)} - known)

    assert not stale, f"rows for routes that no longer exist: {stale}"


def _status(client: Client, row: Row, objects: Objects) -> int:
    url = row.url(objects)
    if row.route.split(" ")[0] in {"POST", "PATCH", "PUT", "DELETE"}:  # an API write: a JSON body
        body = json.dumps(dict(row.data))
        return int(getattr(client, row.method)(url, body, content_type="application/json").status_code)
    return int(getattr(client, row.method)(url, dict(row.data)).status_code)


@pytest.mark.parametrize("module", ROW_MODULES)
def test_permission_matrix(db: None, module: str) -> None:
    objects = build_objects()
    readers = {role: client_for(objects.world.user(role)) for role in ROLES}
    wrong = []
    for row in rows_of(module):
        # a write may change the session (sign-out) or the objects: fresh clients for each
        clients = (
            readers if row.method == "get" else {role: client_for(objects.world.user(role)) for role in ROLES}
        )
        actual = {role: _status(clients[role], row, objects) for role in ROLES}
        if actual != dict(row.expected):
            diff = {
                role: f"{row.expected[role]}→{actual[role]}"
                for role in ROLES
                if actual[role] != row.expected[role]
            }
            wrong.append(f"{row.label}: expected→actual {diff}")

    assert not wrong, "\n".join(wrong)
