"""Saving a listing: the denormalised fields search and filters rely on, and its first history entry."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.utils.html import strip_tags

from techbridge.accounts.models import User
from techbridge.common.multilingual import searchable_text
from techbridge.directory.domain.routing import responsible_centre_id
from techbridge.directory.models import Industry, Organisation, TechnologyField
from techbridge.market.enums import ListingAction, ListingStatus
from techbridge.market.models import Listing, ListingTransition
from techbridge_core.text.substring import substring_index_text


def listing_search_text(listing: Listing) -> str:
    """Every language of every text, case-folded and accent-free, with the stems substring search
    needs to find inflected forms (techbridge_core.text.substring): works for zh and European text."""
    rich_texts = [
        strip_tags(text)
        for field in (listing.description, listing.technical_specification)
        for text in (field or {}).values()
    ]
    return substring_index_text(
        searchable_text(
            listing.title,
            listing.summary,
            listing.advantages,
            " ".join(rich_texts),
            " ".join(listing.keywords or []),
            listing.patent_numbers,
            listing.programme,
            listing.call_id,
        )
    )


def fill_denormalised(listing: Listing, *, staffed: frozenset[int] | None = None) -> None:
    """`staffed`: centres with an active broker, for callers saving many listings at once."""
    organisation: Organisation = listing.owner_organisation
    listing.country = organisation.country
    if listing.pk is None or not listing.centre_id:
        # Reviewed where a broker works: the owner's centre, or its alliance's coordinating centre.
        listing.centre_id = responsible_centre_id(organisation.centre_id, staffed=staffed)
    listing.languages = " " + " ".join(sorted(listing.title or {})) + " "
    listing.search_text = listing_search_text(listing)


@transaction.atomic
def do_save_listing(
    *,
    listing: Listing,
    actor: User | None,
    now: datetime,
    technology_fields: Iterable[TechnologyField] | None = None,
    industries: Iterable[Industry] | None = None,
    shared_with: Iterable[Organisation] | None = None,
) -> Listing:
    created = listing.pk is None
    if created:
        listing.created_by = actor
    fill_denormalised(listing)
    listing.save()
    if technology_fields is not None:
        listing.technology_fields.set(technology_fields)
    if industries is not None:
        listing.industries.set(industries)
    if shared_with is not None:
        listing.shared_with.set(shared_with)
    if created:
        ListingTransition.objects.create(
            listing=listing, action=ListingAction.CREATE, to_status=ListingStatus.DRAFT, actor=actor, at=now
        )
    return listing
