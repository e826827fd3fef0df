"""Every saved or deleted listing, changed relation, and every row the search page shows beside them
(owners, centres, technology fields, industries) bumps the search revision inside the change's own
transaction, so no cached count or page fragment outlives the data it shows (decision 0011)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from techbridge.directory.models import Centre, Industry, Organisation, TechnologyField
from techbridge.market.domain.search import bump_search_revision
from techbridge.market.models import Listing


@receiver(post_save, sender=Listing, dispatch_uid="market-search-listing-saved")
@receiver(post_delete, sender=Listing, dispatch_uid="market-search-listing-deleted")
def listing_changed(sender: Any, **kwargs: Any) -> None:
    bump_search_revision()


# Centres decide alliance visibility; all four are shown on the page (cards, filter choices).
for _model in (Centre, Organisation, TechnologyField, Industry):
    post_save.connect(listing_changed, sender=_model, dispatch_uid=f"market-search-{_model.__name__}-saved")
    post_delete.connect(
        listing_changed, sender=_model, dispatch_uid=f"market-search-{_model.__name__}-deleted"
    )


@receiver(m2m_changed, sender=Listing.shared_with.through, dispatch_uid="market-search-shared")
@receiver(m2m_changed, sender=Listing.technology_fields.through, dispatch_uid="market-search-fields")
@receiver(m2m_changed, sender=Listing.industries.through, dispatch_uid="market-search-industries")
def listing_relation_changed(sender: Any, action: str, **kwargs: Any) -> None:
    if action.startswith("post_"):
        bump_search_revision()
