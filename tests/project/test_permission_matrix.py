"""Every role × every page and endpoint → the expected status. Hidden objects answer 404."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from world import ROLES, World, client_for


def _expect(default: int, **overrides: int) -> dict[str, int]:
    table = dict.fromkeys(ROLES, default)
    table.update(overrides)
    return table


ONLY = {
    # pending organisation of the operator's centre: its members, its centre's operators, the platform admin
    "pending": _expect(404, org_member=200, org_admin=200, operator=200, platform_admin=200),
    "pending_elsewhere": _expect(404, other_operator=200, platform_admin=200),
}

CASES: list[tuple[str, Callable[[World], str], dict[str, int]]] = [
    ("home", lambda w: "/", _expect(200)),
    ("organisation list", lambda w: "/directory/organisations/", _expect(200)),
    ("published organisation", lambda w: f"/directory/organisations/{w.published.pk}/", _expect(200)),
    ("pending organisation", lambda w: f"/directory/organisations/{w.pending.pk}/", ONLY["pending"]),
    (
        "pending elsewhere",
        lambda w: f"/directory/organisations/{w.pending_elsewhere.pk}/",
        ONLY["pending_elsewhere"],
    ),
    ("missing organisation", lambda w: "/directory/organisations/999999/", _expect(404)),
    (
        "edit pending organisation",
        lambda w: f"/directory/organisations/{w.pending.pk}/edit/",
        _expect(404, anonymous=302, org_admin=200, operator=200, platform_admin=200),
    ),
    (
        "edit published organisation",
        lambda w: f"/directory/organisations/{w.published.pk}/edit/",
        _expect(404, anonymous=302, operator=200, platform_admin=200),
    ),
    ("people list", lambda w: "/directory/people/", _expect(200)),
    ("public person", lambda w: f"/directory/people/{w.public_person.pk}/", _expect(200)),
    (
        "members-only person",
        lambda w: f"/directory/people/{w.members_person.pk}/",
        _expect(200, anonymous=404),
    ),
    (
        "private person",
        lambda w: f"/directory/people/{w.private_person.pk}/",
        _expect(404, org_admin=200, operator=200, platform_admin=200),
    ),
    ("centre list", lambda w: "/directory/centres/", _expect(200)),
    ("centre page", lambda w: f"/directory/centres/{w.centre.slug}/", _expect(200)),
    ("missing centre", lambda w: "/directory/centres/nowhere/", _expect(404)),
    ("my profile", lambda w: "/accounts/profile/", _expect(200, anonymous=302)),
    ("api tokens", lambda w: "/accounts/tokens/", _expect(200, anonymous=302)),
    ("admin site", lambda w: "/admin/", _expect(302, operator=200, other_operator=200, platform_admin=200)),
    ("api organisations", lambda w: "/api/v1/organisations", _expect(200)),
    ("api published organisation", lambda w: f"/api/v1/organisations/{w.published.pk}", _expect(200)),
    ("api pending organisation", lambda w: f"/api/v1/organisations/{w.pending.pk}", ONLY["pending"]),
    (
        "api pending elsewhere",
        lambda w: f"/api/v1/organisations/{w.pending_elsewhere.pk}",
        ONLY["pending_elsewhere"],
    ),
    ("api people", lambda w: "/api/v1/people", _expect(200)),
    (
        "api members-only person",
        lambda w: f"/api/v1/people/{w.members_person.pk}",
        _expect(200, anonymous=404),
    ),
    (
        "api private person",
        lambda w: f"/api/v1/people/{w.private_person.pk}",
        _expect(404, org_admin=200, operator=200, platform_admin=200),
    ),
    ("api centres", lambda w: "/api/v1/centres", _expect(200)),
    ("api centre", lambda w: f"/api/v1/centres/{w.centre.slug}", _expect(200)),
    ("api me", lambda w: "/api/v1/me", _expect(200, anonymous=401)),
]


@pytest.mark.parametrize(("name", "url", "expected"), CASES, ids=[case[0] for case in CASES])
def test_permission_matrix(
    world: World, name: str, url: Callable[[World], str], expected: dict[str, int]
) -> None:
    actual = {role: client_for(world.user(role)).get(url(world)).status_code for role in ROLES}

    assert actual == expected, name
