"""The permission funnel of matching, built on the market's and the directory's: nothing here
widens what a user sees.

Best matches are shown for a listing to its owner organisation's members and its centre's
brokers; candidates are only ever drawn from `visible_listings(user)`, annotated with
`owner_visible` so an anonymous listing's owner is never shown. Suggested experts are drawn
only from `visible_people(user)`.
"""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import QuerySet
from django.http import Http404

from techbridge.directory.access import visible_people
from techbridge.directory.models import ExpertProfile
from techbridge.directory.roles import AnyUser, member_organisation_ids
from techbridge.market.access import access_listing, listing_roles, visible_listings, with_owner_visibility
from techbridge.market.enums import ListingKind, ListingStatus
from techbridge.market.models import Listing
from techbridge_core.market.lifecycle import Role


def access_matched_listing(user: AnyUser, pk: object) -> Listing:
    """A listing whose matches the user may see (owner's member or centre broker), else 404."""
    listing = access_listing(user, pk)
    if not listing_roles(user, listing):
        raise Http404
    return listing


EXPERT_SEEKING_KINDS = frozenset({ListingKind.DEMAND, ListingKind.RD_COOPERATION})


def access_expert_seeking_listing(user: AnyUser, pk: object) -> Listing:
    """A demand or R&D request whose suggested experts the user may see, else 404."""
    listing = access_matched_listing(user, pk)
    if listing.kind not in EXPERT_SEEKING_KINDS:
        raise Http404
    return listing


def access_offer(user: AnyUser, pk: object) -> Listing:
    """A technology offer whose suggested investors the user may see, else 404."""
    listing = access_matched_listing(user, pk)
    if listing.kind != ListingKind.OFFER:
        raise Http404
    return listing


def candidate_experts(user: AnyUser) -> QuerySet[ExpertProfile]:
    """Expert profiles of the people the user may see in the directory."""
    return ExpertProfile.objects.filter(person__in=visible_people(user))


def is_broker_of(user: AnyUser, listing: Listing) -> bool:
    return Role.OPERATOR in listing_roles(user, listing)


def candidate_listings(user: AnyUser) -> QuerySet[Listing]:
    """Published listings the user may see, annotated with `owner_visible`."""
    visible = visible_listings(user).filter(status=ListingStatus.PUBLISHED)
    return with_owner_visibility(visible, user)


def access_candidate(user: AnyUser, pk: int) -> Listing:
    candidates = candidate_listings(user).select_related("owner_organisation")
    try:
        return candidates.get(pk=pk)
    except (ObjectDoesNotExist, ValueError, TypeError, ValidationError) as error:
        raise Http404 from error


def own_open_demands(user: AnyUser) -> QuerySet[Listing]:
    """The user's organisations' published demands and R&D requests (experts on "For you")."""
    return own_published_listings(user).filter(kind__in=EXPERT_SEEKING_KINDS)


def own_published_listings(user: AnyUser) -> QuerySet[Listing]:
    """The published listings of the user's organisations (the "For you" page)."""
    if not user.is_authenticated:
        return Listing.objects.none()
    return with_owner_visibility(
        visible_listings(user).filter(
            status=ListingStatus.PUBLISHED, owner_organisation_id__in=member_organisation_ids(user)
        ),
        user,
    ).order_by("-published_at", "-id")
