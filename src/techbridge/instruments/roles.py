"""Who a user is for the instrument platform: facility manager, official, and booking category.

Roles are cached on the user object for the request, like directory.roles.
"""

from __future__ import annotations

from dataclasses import dataclass

from techbridge.common.request_cache import role_answer
from techbridge.directory.models import Organisation
from techbridge.directory.roles import (
    AnyUser,
    is_operator,
    is_platform_admin,
    member_organisation_ids,
)
from techbridge.instruments.enums import UserCategory
from techbridge.instruments.models import Facility, FacilityManager


def managed_facility_ids(user: AnyUser) -> frozenset[int]:
    if not user.is_authenticated:
        return frozenset()
    return role_answer(
        user,
        "managed_facility_ids",
        lambda: frozenset(FacilityManager.objects.filter(user=user).values_list("facility_id", flat=True)),
    )


def is_official(user: AnyUser) -> bool:
    """Centre operators and platform administrators read the alliance-wide sharing statistics."""
    return is_platform_admin(user) or is_operator(user)


@dataclass(frozen=True)
class BookerProfile:
    category: UserCategory
    organisation_id: int | None


def booker_profile(user: AnyUser, facility: Facility) -> BookerProfile:
    """The user's fee and approval category for this facility, and the organisation they book for.

    Internal: a member of the owning organisation (or a manager of the facility). Alliance member:
    a member of an organisation whose centre is in the owner's alliance. Otherwise external.
    """
    owner = facility.organisation
    memberships = member_organisation_ids(user)
    if owner.pk in memberships or facility.pk in managed_facility_ids(user):
        return BookerProfile(UserCategory.INTERNAL, owner.pk if owner.pk in memberships else None)
    organisations = list(
        Organisation.objects.filter(pk__in=memberships).select_related("centre").order_by("id")
    )
    alliance_id = owner.centre.alliance_id if owner.centre_id and owner.centre else None
    for organisation in organisations:
        if alliance_id and organisation.centre and organisation.centre.alliance_id == alliance_id:
            return BookerProfile(UserCategory.ALLIANCE_MEMBER, organisation.pk)
    first = organisations[0].pk if organisations else None
    return BookerProfile(UserCategory.EXTERNAL_ENTERPRISE, first)
