"""Every list page and list endpoint costs the same number of queries for 1 item as for 5 (no N+1)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from factories import make_centre, make_expert, make_organisation, make_person, make_user, technology_field

LISTS = [
    "/",
    "/directory/organisations/",
    "/directory/people/",
    "/directory/people/?experts=on",
    "/directory/centres/",
    "/api/v1/organisations",
    "/api/v1/people",
    "/api/v1/centres",
]


def _populate(count: int) -> None:
    fields = [technology_field("2.5"), technology_field("1.2")]
    for _ in range(count):
        centre = make_centre()
        organisation = make_organisation(centre=centre, technology_fields=fields)
        person = make_person(organisation=organisation)
        make_expert(person, technology_fields=fields)


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed-in"])
def test_list_query_count_does_not_grow_with_items(db: None, url: str, signed_in: bool) -> None:
    client = Client()
    if signed_in:
        client.force_login(make_user())
    _populate(1)
    client.get(url)  # warm caches that are filled once per process (content types, translations)
    with_one = _queries(client, url)
    _populate(4)

    with_five = _queries(client, url)

    assert with_five == with_one
