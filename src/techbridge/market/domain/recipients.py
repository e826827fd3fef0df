"""Who hears about a listing: its centre's brokers and its owner organisation's members."""

from __future__ import annotations

from techbridge.accounts.models import User
from techbridge.directory.models import CentreOperator, Membership
from techbridge.market.models import Listing


def centre_brokers(listing: Listing) -> list[User]:
    if listing.centre_id is None:
        return list(User.objects.filter(is_superuser=True, is_active=True))
    operators = CentreOperator.objects.filter(centre_id=listing.centre_id).select_related("user")
    return [operator.user for operator in operators]


def listing_owners(listing: Listing) -> list[User]:
    memberships = Membership.objects.filter(organisation_id=listing.owner_organisation_id)
    return [membership.user for membership in memberships.select_related("user")]
