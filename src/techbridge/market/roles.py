"""Where a user stands in the alliance, as the market's visibility rules need it.

Cached on the user object for the request, like directory.roles, so a page asking the
question several times pays for it once.
"""

from __future__ import annotations

from techbridge.common.request_cache import role_answer
from techbridge.directory.models import Centre, Organisation
from techbridge.directory.roles import AnyUser, member_organisation_ids, operated_centre_ids


def home_centre_ids(user: AnyUser) -> frozenset[int]:
    """Centres the user's organisations belong to, and centres the user operates."""
    if not user.is_authenticated:
        return frozenset()

    def compute() -> frozenset[int]:
        members = Organisation.objects.filter(pk__in=member_organisation_ids(user), centre__isnull=False)
        return frozenset(members.values_list("centre_id", flat=True)) | operated_centre_ids(user)

    return role_answer(user, "market_centre_ids", compute)


def alliance_ids(user: AnyUser) -> frozenset[int]:
    """Alliances of the user's home centres."""
    if not user.is_authenticated:
        return frozenset()

    def compute() -> frozenset[int]:
        centres = Centre.objects.filter(pk__in=home_centre_ids(user), alliance__isnull=False)
        return frozenset(centres.values_list("alliance_id", flat=True))

    return role_answer(user, "market_alliance_ids", compute)
