"""The expiry run: warn owners 14 days ahead, expire at the end of the year, archive later.

The pure rules (`techbridge_core.market.expiry`) decide each listing; this records the change and
tells the owners. The periodic job `market.expire_listings` (market/tasks.py) runs it.
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from techbridge.common.multilingual import localize
from techbridge.market.domain.lifecycle import publication_dates
from techbridge.market.domain.recipients import listing_owners
from techbridge.market.enums import ListingAction, ListingStatus, NotificationKind
from techbridge.market.models import Listing, ListingTransition
from techbridge.notifications.domain.delivery import notify
from techbridge_core.market.expiry import ARCHIVE_AFTER, WARNING_BEFORE, DueAction, due_action

logger = logging.getLogger(__name__)


def _record(listing: Listing, *, action: str, to_status: str, now: datetime) -> None:
    ListingTransition.objects.create(
        listing=listing, action=action, from_status=listing.status, to_status=to_status, at=now
    )
    listing.status = to_status


def _warn(listing: Listing, *, now: datetime) -> None:
    listing.expiry_warned_at = now
    listing.save(update_fields=["expiry_warned_at", "updated_at"])
    notify(
        recipients=listing_owners(listing),
        kind=NotificationKind.LISTING_EXPIRING,
        subject=lambda: _("Your listing “%(title)s” expires in 14 days") % {"title": localize(listing.title)},
        body=lambda: _("Renew it once for another year from the listing's page."),
        url=f"/market/listings/{listing.pk}/",
        now=now,
    )


def apply_due_action(listing: Listing, *, now: datetime) -> DueAction | None:
    action = due_action(publication_dates(listing), now=now)
    if action is DueAction.WARN:
        _warn(listing, now=now)
    elif action is DueAction.EXPIRE:
        _record(listing, action=ListingAction.EXPIRE, to_status=ListingStatus.EXPIRED, now=now)
        listing.expired_at = now
        listing.save(update_fields=["status", "expired_at", "updated_at"])
    elif action is DueAction.ARCHIVE:
        _record(listing, action=ListingAction.ARCHIVE, to_status=ListingStatus.ARCHIVED, now=now)
        listing.save(update_fields=["status", "updated_at"])
    return action


def run_expiry(*, now: datetime) -> dict[str, int]:
    """Warn, expire and archive every listing that is due at `now`; counts per action."""
    counts = {action.value: 0 for action in DueAction}
    # The database narrows to listings near a date; the pure rules decide each one.
    due = Listing.objects.filter(
        Q(status__in=(ListingStatus.PUBLISHED, ListingStatus.ON_HOLD), expires_at__lte=now + WARNING_BEFORE)
        | Q(status=ListingStatus.EXPIRED, expired_at__lte=now - ARCHIVE_AFTER)
    ).order_by("id")
    for listing_id in due.values_list("pk", flat=True).iterator():
        with transaction.atomic():
            listing = Listing.objects.select_for_update().get(pk=listing_id)
            action = apply_due_action(listing, now=now)
        if action is not None:
            counts[action.value] += 1
    logger.info("market expiry run at %s: %s", now.isoformat(), counts)
    return counts
