"""Who a user is on the platform. The only place that knows how roles are stored.

The answers are cached on the user object for the request, so a page asking several
questions costs one query per kind of role.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from techbridge.accounts.models import User
from techbridge.directory.enums import OrganisationRole
from techbridge.directory.models import CentreOperator, Membership

AnyUser = User | AnonymousUser


def is_platform_admin(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def operated_centre_ids(user: AnyUser) -> frozenset[int]:
    if not user.is_authenticated:
        return frozenset()
    cached: frozenset[int] | None = getattr(user, "_operated_centre_ids", None)
    if cached is None:
        cached = frozenset(CentreOperator.objects.filter(user=user).values_list("centre_id", flat=True))
        setattr(user, "_operated_centre_ids", cached)  # noqa: B010 - a per-request cache on the user
    return cached


def _memberships(user: AnyUser) -> dict[int, str]:
    if not user.is_authenticated:
        return {}
    cached: dict[int, str] | None = getattr(user, "_organisation_roles", None)
    if cached is None:
        cached = dict(Membership.objects.filter(user=user).values_list("organisation_id", "role"))
        setattr(user, "_organisation_roles", cached)  # noqa: B010 - a per-request cache on the user
    return cached


def member_organisation_ids(user: AnyUser) -> frozenset[int]:
    return frozenset(_memberships(user))


def administered_organisation_ids(user: AnyUser) -> frozenset[int]:
    return frozenset(org for org, role in _memberships(user).items() if role == OrganisationRole.ADMIN)


def is_operator(user: AnyUser) -> bool:
    return bool(operated_centre_ids(user))


def forget_roles(user: AnyUser) -> None:
    """Drop the per-request cache after roles change (tests, membership edits)."""
    for attribute in ("_operated_centre_ids", "_organisation_roles"):
        if hasattr(user, attribute):
            delattr(user, attribute)
