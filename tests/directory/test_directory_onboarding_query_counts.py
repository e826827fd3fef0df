"""The onboarding lists (join requests an organisation's admin decides, proposals a broker reviews)
cost the same number of queries with 1 item as with 5."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from factories import make_centre, make_member, make_operator, make_organisation, make_user
from techbridge.directory.domain.onboarding import check_propose_organisation, check_request_join
from techbridge.directory.models import Centre, Organisation, OrganisationProposal

NOW = datetime(2026, 12, 3, 9, tzinfo=UTC)


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def _requests(organisation: Organisation, count: int) -> None:
    for _ in range(count):
        check_request_join(user=make_user(), organisation=organisation, message="Please", now=NOW)


def _proposals(centre: Centre, count: int) -> None:
    for number in range(count):
        proposal = OrganisationProposal(
            proposer=make_user(), centre=centre, name=f"Lab {number}", kind="university", country="HU"
        )
        check_propose_organisation(proposal=proposal, now=NOW)


@pytest.mark.django_db
def test_join_request_list_query_count_does_not_grow() -> None:
    organisation = make_organisation(centre=make_centre())
    client = Client()
    client.force_login(make_member(organisation, admin=True))
    _requests(organisation, 1)
    client.get("/directory/join-requests/")
    with_one = _queries(client, "/directory/join-requests/")
    _requests(organisation, 4)
    assert _queries(client, "/directory/join-requests/") == with_one


@pytest.mark.django_db
def test_proposal_list_query_count_does_not_grow() -> None:
    centre = make_centre()
    client = Client()
    client.force_login(make_operator(centre))
    _proposals(centre, 1)
    client.get("/directory/proposals/")
    with_one = _queries(client, "/directory/proposals/")
    _proposals(centre, 4)
    assert _queries(client, "/directory/proposals/") == with_one
