"""Rows of the permission matrix, one module per app (tests/project/test_permission_matrix.py).

Each module holds `ROWS`: role × route → expected status. A route is a URL name from the resolver
("market:listing") or an API operation from the OpenAPI document ("GET /api/v1/listings/{listing_id}").
A new route needs a row in its app's module (a new app: a new module here); the matrix test fails
and names every route without one. Objects come from tests/world_objects.py: own (the members'
organisation), same centre, other centre, anonymous and confidential listings.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from world_objects import Objects

ROLES = ("anonymous", "outsider", "org_member", "org_admin", "operator", "other_operator", "platform_admin")
"""Anonymous; a new user without organisation; a member and an admin of an organisation (the same
one, in the operator's centre); a broker (centre operator) of that centre and of another; the
platform admin."""

MISSING = 999_999  # an id no object has: routes whose objects the world does not build answer 404/302


@dataclass(frozen=True)
class Row:
    route: str
    url: Callable[[Objects], str]
    expected: Mapping[str, int]
    what: str = ""
    method: str = "get"
    data: Mapping[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{self.method.upper()} {self.route}" + (f" ({self.what})" if self.what else "")


def expect(default: int, **overrides: int) -> dict[str, int]:
    unknown = set(overrides) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown roles {sorted(unknown)}")
    return {role: overrides.get(role, default) for role in ROLES}


MISSING_UUID = "00000000-0000-4000-8000-000000000000"


def token_pk(objects: Objects, role: str) -> int:
    from techbridge.accounts.models import ApiToken

    token = ApiToken.objects.filter(user=objects.world.user(role)).first()
    return token.pk if token is not None else MISSING
