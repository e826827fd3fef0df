"""Where a user stands in the alliance, as the market's visibility rules need it.

Cached on the user object for the request, like directory.roles, so a page asking the
question several times pays for it once.
"""

from __future__ import annotations

from techbridge.directory.models import Centre, Organisation
from techbridge.directory.roles import AnyUser, member_organisation_ids, operated_centre_ids


def home_centre_ids(user: AnyUser) -> frozenset[int]:
    """Centres the user's organisations belong to, and centres the user operates."""
    if not user.is_authenticated:
        return frozenset()
    cached: frozenset[int] | None = getattr(user, "_market_centre_ids", None)
    if cached is None:
        members = Organisation.objects.filter(pk__in=member_organisation_ids(user), centre__isnull=False)
        cached = frozenset(members.values_list("centre_id", flat=True)) | operated_centre_ids(user)
        setattr(user, "_market_centre_ids", cached)  # noqa: B010 - a per-request cache on the user
    return cached


def alliance_ids(user: AnyUser) -> frozenset[int]:
    """Alliances of the user's home centres."""
    if not user.is_authenticated:
        return frozenset()
    cached: frozenset[int] | None = getattr(user, "_market_alliance_ids", None)
    if cached is None:
        centres = Centre.objects.filter(pk__in=home_centre_ids(user), alliance__isnull=False)
        cached = frozenset(centres.values_list("alliance_id", flat=True))
        setattr(user, "_market_alliance_ids", cached)  # noqa: B010 - a per-request cache on the user
    return cached


def forget_market_roles(user: AnyUser) -> None:
    for attribute in ("_market_centre_ids", "_market_alliance_ids"):
        if hasattr(user, attribute):
            delattr(user, attribute)
