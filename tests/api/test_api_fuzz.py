"""Schemathesis: generated requests against our OpenAPI schema, for EVERY operation, anonymously and
with a bearer token: never a 5xx, every response matches the schema (status, content type, body).

The token belongs to the platform admin, who reaches the most code (writes included); the rows of
tests/world_objects.py give the generated ids something to hit. max_examples stays small so the
suite stays fast: the point is every operation, both ways, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from world_objects import Objects, build_objects

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
# Text with NUL characters is refused by our middleware before any operation (documented as
# 400 on every operation, tested in tests/project/test_security.py); generating it here would
# only make schema-valid requests look rejected.
schema.config.generation.update(allow_x00=False)
# A schema-valid request may still break a rule no JSON schema states (an id that does not exist, a
# listing that is not yours, a year outside 1970-2200, a control character): those answer their
# documented 404 or 422, which schemathesis' "positive data acceptance" check would count as a
# failure. Every other check runs: no 5xx, documented status, content type, headers and body.
ONLY_DOCUMENTED_REFUSALS = [positive_data_acceptance]
EXAMPLES = settings(max_examples=5, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))


@pytest.fixture
def objects(db: None) -> Iterator[Objects]:
    """As Django's test client does: requests must not close the test's connection (and its
    transaction), so every test runs in one rolled-back transaction instead of a slow flush."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield build_objects()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@EXAMPLES
def test_every_operation_honours_its_contract_anonymously(
    case: schemathesis.Case[Any], objects: Objects
) -> None:
    case.call_and_validate(excluded_checks=ONLY_DOCUMENTED_REFUSALS)


@pytest.mark.django_db
@schema.parametrize()
@EXAMPLES
def test_every_operation_honours_its_contract_with_a_token(
    case: schemathesis.Case[Any], objects: Objects
) -> None:
    token = {"Authorization": f"Bearer {objects.tokens['platform_admin']}"}
    case.call_and_validate(headers=token, excluded_checks=ONLY_DOCUMENTED_REFUSALS)
