"""List pages and list endpoints cost the same number of queries with one case as with five."""

from __future__ import annotations

import pytest
from coop_world import NOW, Coop, accepted_interest, build_listing
from django.db import connection
from django.test.utils import CaptureQueriesContext

from factories import make_member, make_organisation
from techbridge.cooperation.domain.cases import check_start_from_interest
from world import client_for


def _more_cases(coop: Coop, count: int) -> None:
    for _ in range(count):
        listing = build_listing(coop.owner_org, actor=coop.owner, centre=coop.centre, country="CN")
        organisation = make_organisation(country="HU")
        make_member(organisation, coop.partner)
        check_start_from_interest(
            interest=accepted_interest(listing, coop.partner, organisation), actor=coop.broker, now=NOW
        )


def _queries(user: object, url: str) -> int:
    client = client_for(user)  # type: ignore[arg-type]
    client.get(url)  # warm caches (session, translations)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "url"),
    [
        ("broker", "/cooperation/"),
        ("partner", "/cooperation/mine/"),
        ("partner", "/api/v1/cooperation/cases"),
        ("broker", "/api/v1/cooperation/agreements"),
        ("broker", "/api/v1/cooperation/projects"),
    ],
)
def test_list_pages_are_flat(coop: Coop, role: str, url: str) -> None:
    user = getattr(coop, role)
    one = _queries(user, url)
    _more_cases(coop, 4)
    assert _queries(user, url) == one
