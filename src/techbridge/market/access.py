"""The permission funnel of the market: every page, partial, feed, PDF, export and API call fetches here.

`visible_listings(user)` is THE rule of who sees which listing; `access_*` return one object
or raise Http404, so a hidden listing and a missing one look the same from outside.
Anonymous listings hide their owner from everyone but the owner's members, the operators
of its centre and platform admins: `with_owner_visibility` annotates `owner_visible`.
"""

from __future__ import annotations

import json

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet, Value

from techbridge.common.access import one_or_404
from techbridge.directory.models import Organisation
from techbridge.directory.roles import (
    AnyUser,
    is_platform_admin,
    member_organisation_ids,
    operated_centre_ids,
)
from techbridge.market.domain.ranking import RankingBackend, ranking_backend
from techbridge.market.domain.search import (
    FacetSummary,
    ListingFilters,
    cached_facet_summary,
    facet_summary,
    search_listings,
    snapshot_key,
    with_list_relations,
)
from techbridge.market.enums import ListingStatus, Visibility
from techbridge.market.models import (
    ExpressionOfInterest,
    ImportBatch,
    ImportedObject,
    Listing,
    ListingAttachment,
)
from techbridge.market.roles import alliance_ids, home_centre_ids
from techbridge_core.market.interest import Party
from techbridge_core.market.lifecycle import Role


def _managing(user: AnyUser) -> Q:
    """Owner organisation's members and the operators of the listing's centre (never empty for guests)."""
    rule = Q(pk__in=[])
    if user.is_authenticated:
        rule = Q(owner_organisation_id__in=member_organisation_ids(user)) | Q(
            centre_id__in=operated_centre_ids(user)
        )
    return rule


def _audience(user: AnyUser) -> Q:
    rule = Q(visibility=Visibility.PUBLIC)
    if not user.is_authenticated:
        return rule
    shared = Listing.shared_with.through.objects.filter(
        listing_id=OuterRef("pk"), organisation_id__in=member_organisation_ids(user)
    )
    rule |= Q(visibility=Visibility.ALLIANCE, centre__alliance_id__in=alliance_ids(user))
    rule |= Q(visibility__in=(Visibility.ALLIANCE, Visibility.CENTRE), centre_id__in=home_centre_ids(user))
    rule |= Q(Exists(shared), visibility=Visibility.CONFIDENTIAL)
    return rule


def visible_listings(user: AnyUser) -> QuerySet[Listing]:
    listings = Listing.objects.all()
    if is_platform_admin(user):
        return listings
    return listings.filter((Q(status=ListingStatus.PUBLISHED) & _audience(user)) | _managing(user))


def visibility_scope(user: AnyUser) -> str:
    """Everything `visible_listings(user)` depends on besides the listings themselves: two users
    with the same scope see the same listings, so they may share cached counts. Keep it in step
    with `_audience` and `_managing`."""
    if is_platform_admin(user):
        return "admin"
    if not user.is_authenticated:
        return "public"
    parts = (
        member_organisation_ids(user),
        operated_centre_ids(user),
        alliance_ids(user),
        home_centre_ids(user),
    )
    return json.dumps([sorted(part) for part in parts])


def managed_listings(user: AnyUser) -> QuerySet[Listing]:
    """Listings the user may act on as owner or broker (the status decides which actions)."""
    if is_platform_admin(user):
        return Listing.objects.all()
    return Listing.objects.filter(_managing(user))


def reviewable_listings(user: AnyUser) -> QuerySet[Listing]:
    if is_platform_admin(user):
        return Listing.objects.all()
    return Listing.objects.filter(centre_id__in=operated_centre_ids(user))


def with_owner_visibility(listings: QuerySet[Listing], user: AnyUser) -> QuerySet[Listing]:
    if is_platform_admin(user):
        return listings.annotate(owner_visible=Value(value=True, output_field=BooleanField()))
    rule = Q(anonymous=False) | _managing(user)
    return listings.annotate(owner_visible=ExpressionWrapper(rule, output_field=BooleanField()))


def listing_roles(user: AnyUser, listing: Listing) -> frozenset[Role]:
    """The user's roles towards one listing: owner (member of its organisation), broker of its centre."""
    roles: set[Role] = set()
    if is_platform_admin(user):
        return frozenset({Role.OWNER, Role.OPERATOR})
    if listing.owner_organisation_id in member_organisation_ids(user):
        roles.add(Role.OWNER)
    if listing.centre_id is not None and listing.centre_id in operated_centre_ids(user):
        roles.add(Role.OPERATOR)
    return frozenset(roles)


def access_listing(user: AnyUser, pk: object, *, for_edit: bool = False) -> Listing:
    listings = managed_listings(user) if for_edit else visible_listings(user)
    return one_or_404(
        with_owner_visibility(listings, user).select_related("owner_organisation", "centre"), pk=pk
    )


def access_attachment(user: AnyUser, pk: object) -> ListingAttachment:
    return one_or_404(ListingAttachment.objects.filter(listing__in=visible_listings(user)), pk=pk)


def visible_interests(user: AnyUser) -> QuerySet[ExpressionOfInterest]:
    """EOIs the user sent, received (after the broker forwarded them when the listing is anonymous)
    or brokers."""
    interests = ExpressionOfInterest.objects.all()
    if is_platform_admin(user):
        return interests
    if not user.is_authenticated:
        return interests.none()
    members = member_organisation_ids(user)
    received = Q(listing__owner_organisation_id__in=members) & (
        Q(listing__anonymous=False) | Q(forwarded_at__isnull=False)
    )
    rule = Q(sender=user) | Q(sender_organisation_id__in=members) | received
    return interests.filter(rule | Q(listing__centre_id__in=operated_centre_ids(user)))


def access_interest(user: AnyUser, public_id: object) -> ExpressionOfInterest:
    interests = visible_interests(user).select_related("listing", "sender", "sender_organisation")
    return one_or_404(interests, public_id=public_id)


def find_listings(
    user: AnyUser, filters: ListingFilters, *, ranking: RankingBackend | None = None
) -> QuerySet[Listing]:
    """THE entry point for lists, search, feeds, exports and alerts: visible, filtered, ranked,
    annotated with `owner_visible`, related rows prefetched."""
    visible = with_owner_visibility(visible_listings(user), user)
    return with_list_relations(search_listings(visible=visible, filters=filters, ranking=ranking))


def listing_facets(
    user: AnyUser, filters: ListingFilters, *, ranking: RankingBackend | None = None
) -> FacetSummary:
    """The total and facet counts of `find_listings(user, filters)`, cached per visibility scope."""
    backend = ranking or ranking_backend()
    key = snapshot_key(scope=visibility_scope(user), ranking=backend.name, filters=filters)
    return cached_facet_summary(
        key,
        lambda: facet_summary(
            search_listings(visible=visible_listings(user), filters=filters, ranking=backend)
        ),
    )


def publishing_organisations(user: AnyUser) -> QuerySet[Organisation]:
    """Organisations the user may publish for: their own, and those of the centres they operate."""
    if is_platform_admin(user):
        return Organisation.objects.order_by("id")
    if not user.is_authenticated:
        return Organisation.objects.none()
    rule = Q(pk__in=member_organisation_ids(user)) | Q(centre_id__in=operated_centre_ids(user))
    return Organisation.objects.filter(rule).order_by("id")


def interest_parties(user: AnyUser, interest: ExpressionOfInterest) -> frozenset[Party]:
    listing = interest.listing
    parties: set[Party] = set()
    if interest.sender_id == user.pk:
        parties.add(Party.SENDER)
    if is_platform_admin(user) or (
        listing.centre_id is not None and listing.centre_id in operated_centre_ids(user)
    ):
        parties.add(Party.BROKER)
    if listing.owner_organisation_id in member_organisation_ids(user):
        parties.add(Party.OWNER)
    return frozenset(parties)


def my_managed_listings(user: AnyUser) -> QuerySet[Listing]:
    """The listings a user looks after: their organisations' and those they created (imported ones too,
    which an operator or administrator creates on behalf of an organisation they are no member of)."""
    mine = Q(owner_organisation_id__in=member_organisation_ids(user)) | Q(created_by_id=user.pk)
    return managed_listings(user).filter(mine)


def recent_import_batches(user: AnyUser, *, limit: int = 5) -> list[tuple[ImportBatch, list[Listing]]]:
    """The user's latest listing imports, each with the listings it created that the user may still manage."""
    batches = list(
        ImportBatch.objects.filter(created_by_id=user.pk, kind="listings").order_by("-created_at", "-id")[
            :limit
        ]
    )
    refs = ImportedObject.objects.filter(batch__in=batches, kind="listings").values_list(
        "batch_id", "object_id"
    )
    listing_ids: dict[int, list[int]] = {}
    for batch_id, object_id in refs:
        listing_ids.setdefault(batch_id, []).append(object_id)
    listings = managed_listings(user).in_bulk([pk for ids in listing_ids.values() for pk in ids])
    return [
        (batch, [listings[pk] for pk in sorted(listing_ids.get(batch.pk, [])) if pk in listings])
        for batch in batches
    ]
