"""Background jobs of the market: the daily expiry run and saved-search alerts.

Jobs take primitive arguments. The expiry run uses the pure lifecycle rules directly and tells
the owners through the notifications app.
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.db import transaction
from django.db.models import Q
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _

from techbridge.common.multilingual import localize
from techbridge.market.domain.recipients import listing_owners
from techbridge.market.enums import ListingAction, ListingStatus, NotificationKind
from techbridge.market.models import Listing, ListingTransition
from techbridge.notifications.domain.delivery import notify
from techbridge_core.market.expiry import (
    ARCHIVE_AFTER,
    WARNING_BEFORE,
    DueAction,
    PublicationDates,
    due_action,
)
from techbridge_core.market.lifecycle import Status

logger = logging.getLogger(__name__)


def _dates(listing: Listing) -> PublicationDates:
    return PublicationDates(
        status=Status(listing.status),
        expires_at=listing.expires_at,
        expired_at=listing.expired_at,
        warned_at=listing.expiry_warned_at,
        renewals=listing.renewals,
    )


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
    action = due_action(_dates(listing), now=now)
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


@task()
def expire_listings(*, now_iso: str = "") -> dict[str, int]:
    """The daily job; `now_iso` lets an operator replay a day (defaults to the current time)."""
    now = datetime.fromisoformat(now_iso) if now_iso else timezone.now()
    return run_expiry(now=now)


@task()
def send_saved_search_alerts(*, frequency: str, now_iso: str = "") -> int:
    """Daily or weekly (schedule one run per frequency): new matches of the saved searches, by e-mail.

    The work needs the access funnel, which sits above this module, hence the dotted path.
    """
    from django.utils.module_loading import import_string

    run = import_string("techbridge.market.jobs.send_saved_search_alerts")
    now = datetime.fromisoformat(now_iso) if now_iso else timezone.now()
    return int(run(frequency=frequency, now=now))
