"""Schemathesis: generated requests against our OpenAPI schema; no 5xx, responses match the schema."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
# Text with NUL characters is refused by our middleware before any operation (documented as
# 400 on every operation, tested in tests/project/test_security.py); generating it here would
# only make schema-valid requests look rejected.
schema.config.generation.update(allow_x00=False)


@pytest.fixture
def directory_rows(db: None) -> None:
    from factories import make_centre, make_organisation, make_person

    centre = make_centre(slug="cq-hu")
    organisation = make_organisation(centre=centre)
    make_person(organisation=organisation)


@pytest.mark.django_db(transaction=True)
@schema.include(method="GET").parametrize()
@settings(max_examples=15, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_api_read_operations_honour_their_contract(case: schemathesis.Case, directory_rows: None) -> None:
    case.call_and_validate()
