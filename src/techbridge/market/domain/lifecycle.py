"""Moving a listing through its lifecycle: the pure rules decide, this records and notifies."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from techbridge.accounts.models import User
from techbridge.common.multilingual import localize
from techbridge.market.domain.recipients import centre_brokers, listing_owners
from techbridge.market.enums import ListingStatus, NotificationKind
from techbridge.market.models import Listing, ListingTransition
from techbridge.notifications.domain.delivery import notify
from techbridge_core.market.expiry import PublicationDates, expiry_for, renewal_refusal, renewed_expiry
from techbridge_core.market.lifecycle import Action, Role, Status, TransitionRefusedError, target_status

REFUSALS = {
    "not_allowed": gettext_lazy("You may not do this with this listing."),
    "wrong_status": gettext_lazy("This is not possible in the listing's current status."),
    "reason_required": gettext_lazy("Please give a reason or comments."),
    "too_early": gettext_lazy("A listing can be renewed only in the last 14 days before it expires."),
    "renewed_already": gettext_lazy("A listing can be renewed only once."),
    "incomplete": gettext_lazy("Fill in the title and summary before submitting."),
}
OPERATOR_ACTIONS = {Action.APPROVE, Action.RETURN, Action.REJECT}


class ListingActionError(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code
        self.message = str(REFUSALS.get(code, REFUSALS["not_allowed"]))


def publication_dates(listing: Listing) -> PublicationDates:
    return PublicationDates(
        status=Status(listing.status),
        expires_at=listing.expires_at,
        expired_at=listing.expired_at,
        warned_at=listing.expiry_warned_at,
        renewals=listing.renewals,
    )


def check_listing_action(
    *, listing: Listing, action: Action, actor: User, roles: frozenset[Role], reason: str = "", now: datetime
) -> Listing:
    """Validate with the pure rules, then apply; ListingActionError carries a translated message."""
    try:
        target = target_status(action=action, status=Status(listing.status), roles=roles, reason=reason)
    except TransitionRefusedError as refused:
        raise ListingActionError(refused.code) from refused
    if action is Action.RENEW and (refusal := renewal_refusal(publication_dates(listing), now=now)):
        raise ListingActionError(refusal)
    if action is Action.SUBMIT and not (listing.title and listing.summary):
        raise ListingActionError("incomplete")
    return do_listing_action(
        listing=listing, action=action, target=target, actor=actor, reason=reason, now=now
    )


def _apply_dates(listing: Listing, *, action: Action, now: datetime) -> None:
    if action is Action.SUBMIT:
        listing.submitted_at = now
    elif action is Action.APPROVE:
        listing.published_at, listing.expires_at = now, expiry_for(now)
        listing.expiry_warned_at = listing.expired_at = None
        listing.renewals = 0
    elif action is Action.RENEW:
        listing.expires_at = renewed_expiry(publication_dates(listing), now=now)
        listing.renewals += 1
        listing.expiry_warned_at = listing.expired_at = None


@transaction.atomic
def do_listing_action(
    *, listing: Listing, action: Action, target: Status, actor: User | None, reason: str, now: datetime
) -> Listing:
    ListingTransition.objects.create(
        listing=listing,
        action=action.value,
        from_status=listing.status,
        to_status=target.value,
        actor=actor,
        reason=reason.strip(),
        at=now,
    )
    listing.status = target.value
    _apply_dates(listing, action=action, now=now)
    listing.save()
    _notify(listing=listing, action=action, actor=actor, reason=reason, now=now)
    return listing


def _notify(*, listing: Listing, action: Action, actor: User | None, reason: str, now: datetime) -> None:
    url = f"/market/listings/{listing.pk}/"
    if action is Action.SUBMIT:
        recipients = centre_brokers(listing)
    elif action in OPERATOR_ACTIONS:
        recipients = listing_owners(listing)
    else:
        return
    notify(
        recipients=recipients,
        kind=NotificationKind.LISTING_STATUS,
        subject=lambda: (
            _("“%(title)s” is now: %(status)s")
            % {"title": localize(listing.title), "status": ListingStatus(listing.status).label}
        ),
        body=reason.strip,
        url=url,
        now=now,
        skip=actor,
    )
