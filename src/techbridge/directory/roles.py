"""Who a user is on the platform. The only place that knows how roles are stored.

The answers are cached on the user object for the request, so a page asking several
questions costs one query per kind of role.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from techbridge.accounts.models import User
from techbridge.common.request_cache import role_answer
from techbridge.directory.enums import OrganisationRole
from techbridge.directory.models import CentreOperator, Membership

AnyUser = User | AnonymousUser


def is_platform_admin(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def operated_centre_ids(user: AnyUser) -> frozenset[int]:
    if not user.is_authenticated:
        return frozenset()
    return role_answer(
        user,
        "operated_centre_ids",
        lambda: frozenset(CentreOperator.objects.filter(user=user).values_list("centre_id", flat=True)),
    )


def _memberships(user: AnyUser) -> dict[int, str]:
    if not user.is_authenticated:
        return {}
    return role_answer(
        user,
        "organisation_roles",
        lambda: dict(Membership.objects.filter(user=user).values_list("organisation_id", "role")),
    )


def member_organisation_ids(user: AnyUser) -> frozenset[int]:
    return frozenset(_memberships(user))


def administered_organisation_ids(user: AnyUser) -> frozenset[int]:
    return frozenset(org for org, role in _memberships(user).items() if role == OrganisationRole.ADMIN)


def is_operator(user: AnyUser) -> bool:
    return bool(operated_centre_ids(user))
