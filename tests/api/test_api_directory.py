from __future__ import annotations

import pytest
from django.test import Client

from factories import make_member, make_organisation, make_person, make_user, technology_field
from techbridge.accounts.domain.tokens import do_create_api_token, do_revoke_api_token
from world import World, client_for


def _ids(response) -> list[int]:  # type: ignore[no-untyped-def]
    return [item["id"] for item in response.json()["items"]]


def test_organisation_list_hides_unpublished_from_anonymous(world: World) -> None:
    response = Client().get("/api/v1/organisations")

    assert _ids(response) == [world.published.pk]
    assert response.json()["count"] == 1


def test_organisation_list_shows_operator_its_centres_pending(world: World) -> None:
    response = client_for(world.operator).get("/api/v1/organisations")

    assert _ids(response) == [world.published.pk, world.pending.pk]


def test_organisation_list_filters_by_field_country_and_text(db: None) -> None:
    batteries = make_organisation(
        name={"en": "Battery Lab", "zh-hans": "电池实验室"},
        country="CN",
        technology_fields=[technology_field("2.5")],
    )
    make_organisation(
        name={"en": "Farm Institute"}, country="CN", technology_fields=[technology_field("4.1")]
    )
    make_organisation(name={"en": "Battery Works"}, country="HU")

    response = Client().get("/api/v1/organisations", {"field": "2.5", "country": "cn", "q": "电池"})

    assert _ids(response) == [batteries.pk]


def test_organisation_list_unknown_filter_value_matches_nothing(world: World) -> None:
    assert _ids(Client().get("/api/v1/organisations", {"field": "9.9"})) == []
    assert _ids(Client().get("/api/v1/organisations", {"centre": "nowhere"})) == []


def test_organisation_list_is_paginated(db: None) -> None:
    for _ in range(30):
        make_organisation()

    first = Client().get("/api/v1/organisations").json()
    second = Client().get("/api/v1/organisations", {"page": 2}).json()

    assert (first["count"], len(first["items"]), len(second["items"])) == (30, 25, 5)


def test_person_hides_organisation_the_caller_may_not_see(world: World) -> None:
    person = make_person(organisation=world.pending)

    outsider = client_for(world.outsider).get(f"/api/v1/people/{person.pk}").json()
    member = client_for(world.org_member).get(f"/api/v1/people/{person.pk}").json()

    assert (outsider["organisation_id"], member["organisation_id"]) == (None, world.pending.pk)


def test_token_authenticates_and_revoked_token_is_refused(world: World) -> None:
    token, secret = do_create_api_token(user=world.operator, name="partner platform")
    headers = {"Authorization": f"Bearer {secret}"}

    granted = Client().get(f"/api/v1/organisations/{world.pending.pk}", headers=headers)
    do_revoke_api_token(token=token)
    refused = Client().get(f"/api/v1/organisations/{world.pending.pk}", headers=headers)

    assert (granted.status_code, refused.status_code) == (200, 401)


def test_bad_token_is_refused_rather_than_treated_as_anonymous(world: World) -> None:
    response = Client().get("/api/v1/organisations", headers={"Authorization": "Bearer tb_wrong"})

    assert response.status_code == 401


def test_patch_with_session_needs_csrf_token(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.org_admin)

    response = client.patch(
        f"/api/v1/organisations/{world.pending.pk}", {"city": "Szeged"}, content_type="application/json"
    )

    world.pending.refresh_from_db()
    assert (response.status_code, world.pending.city) == (403, "Budapest")


def test_patch_with_session_and_csrf_token_saves(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.org_admin)
    client.get("/directory/organisations/")  # sets the CSRF cookie, as a browser page would
    csrf = client.cookies["csrftoken"].value

    response = client.patch(
        f"/api/v1/organisations/{world.pending.pk}",
        {"city": "Szeged", "description": {"en": "<p>Hi<script>alert(1)</script></p>"}},
        content_type="application/json",
        headers={"X-CSRFToken": csrf},
    )

    assert response.status_code == 200
    assert response.json()["city"] == "Szeged"
    assert response.json()["description"] == {"en": "<p>Hi</p>"}


def test_patch_with_token_needs_no_csrf(world: World) -> None:
    _token, secret = do_create_api_token(user=world.org_admin, name="script")

    response = Client(enforce_csrf_checks=True).patch(
        f"/api/v1/organisations/{world.pending.pk}",
        {"short_name": "BME"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )

    assert (response.status_code, response.json()["short_name"]) == (200, "BME")


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"city": "<b>Szeged</b>"}, "HTML is not allowed"),
        ({"website": "javascript:alert(1)"}, "Enter a valid URL"),
        ({"name": {"en": ""}}, "at least one language"),
        ({"name": {"xx": "Name"}}, "Unknown language"),
    ],
)
def test_patch_rejects_bad_input_and_saves_nothing(
    world: World, payload: dict[str, object], message: str
) -> None:
    _token, secret = do_create_api_token(user=world.org_admin, name="script")

    response = Client().patch(
        f"/api/v1/organisations/{world.pending.pk}",
        payload,
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )

    world.pending.refresh_from_db()
    assert response.status_code == 422
    assert message in response.json()["detail"]
    assert world.pending.city == "Budapest"


def test_patch_of_organisation_not_administered_is_404(world: World) -> None:
    member = make_member(world.published, make_user())
    _token, secret = do_create_api_token(user=member, name="script")

    response = Client().patch(
        f"/api/v1/organisations/{world.published.pk}",
        {"city": "Pécs"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )

    assert response.status_code == 404


def test_me_lists_roles(world: World) -> None:
    response = client_for(world.operator).get("/api/v1/me")

    assert response.json()["roles"] == ["centre_operator"]
