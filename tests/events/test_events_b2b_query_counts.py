"""The B2B list pages cost the same number of queries for few participants as for many (no N+1)."""

from __future__ import annotations

import pytest
from b2b_world import build_b2b, build_listing, participant, send
from django.db import connection
from django.test.utils import CaptureQueriesContext
from events_world import Events

from factories import make_organisation
from techbridge.events.models import Event, Registration
from world import client_for

pytestmark = pytest.mark.django_db


def _more_participants(event: Event, viewer: Registration, count: int) -> None:
    for number in range(count):
        organisation = make_organisation(country="CN")
        other = participant(
            event, organisation, name=f"Guest {number}", listings=(build_listing(organisation),), country="CN"
        )
        send(other, viewer)


def _queries(client: object, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, headers={"HX-Request": "true"})  # type: ignore[attr-defined]
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("tail", ["b2b/participants/", "b2b/requests/"])
def test_b2b_lists_do_not_grow_with_participants(events: Events, tail: str) -> None:
    b2b = build_b2b(events)
    client = client_for(b2b.zoltan.user)
    url = f"/events/{b2b.event.slug}/{tail}"
    _more_participants(b2b.event, b2b.zoltan, 1)
    client.get(url)
    few = _queries(client, url)
    _more_participants(b2b.event, b2b.zoltan, 4)
    assert _queries(client, url) == few
