"""Expressions of interest: sending one, and moving it on (forward, accept, decline, close)."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from techbridge.accounts.domain.throttle import take_attempt
from techbridge.accounts.models import User
from techbridge.common.multilingual import localize
from techbridge.directory.models import Organisation
from techbridge.market.domain.notifications import centre_brokers, listing_owners, notify
from techbridge.market.enums import EoiStatus, ListingStatus, NotificationKind
from techbridge.market.models import ExpressionOfInterest, InterestTransition, Listing
from techbridge_core.market.interest import (
    InterestAction,
    InterestRefusedError,
    InterestStatus,
    Party,
    interest_target,
)

REFUSALS = {
    "not_open": gettext_lazy("This listing does not take expressions of interest now."),
    "own_listing": gettext_lazy("You cannot express interest in your own organisation's listing."),
    "already_sent": gettext_lazy("You have already expressed interest in this listing."),
    "empty_message": gettext_lazy("Please write a message."),
    "not_allowed": gettext_lazy("You may not do this with this expression of interest."),
    "wrong_status": gettext_lazy("This is not possible in the current status."),
}
OPEN_STATUSES = (EoiStatus.SENT, EoiStatus.FORWARDED, EoiStatus.ACCEPTED)


class InterestError(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code
        self.message = str(REFUSALS.get(code, REFUSALS["not_allowed"]))


def interest_url(interest: ExpressionOfInterest) -> str:
    return f"/market/interests/{interest.public_id}/"


def check_send_interest(
    *,
    listing: Listing,
    sender: User,
    sender_organisation: Organisation | None,
    sender_is_owner: bool,
    message: str,
    intended_use: str = "",
    capacity: str = "",
    timeline: str = "",
    now: datetime,
) -> ExpressionOfInterest:
    if listing.status != ListingStatus.PUBLISHED or not listing.open_for_interest:
        raise InterestError("not_open")
    if sender_is_owner:
        raise InterestError("own_listing")
    if not message.strip():
        raise InterestError("empty_message")
    if ExpressionOfInterest.objects.filter(listing=listing, sender=sender, status__in=OPEN_STATUSES).exists():
        raise InterestError("already_sent")
    block = take_attempt(("interest.user", str(sender.pk)))
    if block is not None:  # a flood of messages to owners and brokers
        error = InterestError("throttled")
        error.message = block.message
        raise error
    interest = ExpressionOfInterest(
        listing=listing,
        sender=sender,
        sender_organisation=sender_organisation,
        message=message.strip(),
        intended_use=intended_use.strip(),
        capacity=capacity.strip(),
        timeline=timeline.strip(),
        created_at=now,
    )
    return do_send_interest(interest=interest, now=now)


@transaction.atomic
def do_send_interest(*, interest: ExpressionOfInterest, now: datetime) -> ExpressionOfInterest:
    interest.save()
    InterestTransition.objects.create(
        interest=interest, to_status=EoiStatus.SENT, actor=interest.sender, at=now
    )
    listing = interest.listing
    # The broker sees an anonymous listing's interest first; otherwise the owner hears at once.
    recipients = centre_brokers(listing) if listing.anonymous else listing_owners(listing)
    notify(
        recipients=recipients,
        kind=NotificationKind.EOI_RECEIVED,
        subject=lambda: _("New expression of interest in “%(title)s”") % {"title": localize(listing.title)},
        body=lambda: interest.message[:500],
        url=interest_url(interest),
        now=now,
    )
    return interest


def check_interest_action(
    *,
    interest: ExpressionOfInterest,
    action: InterestAction,
    actor: User,
    parties: frozenset[Party],
    comment: str = "",
    now: datetime,
) -> ExpressionOfInterest:
    try:
        target = interest_target(
            action=action,
            status=InterestStatus(interest.status),
            parties=parties,
            anonymous=interest.listing.anonymous,
        )
    except InterestRefusedError as refused:
        raise InterestError(refused.code) from refused
    return do_interest_action(
        interest=interest, action=action, target=target, actor=actor, comment=comment, now=now
    )


@transaction.atomic
def do_interest_action(
    *,
    interest: ExpressionOfInterest,
    action: InterestAction,
    target: InterestStatus,
    actor: User,
    comment: str,
    now: datetime,
) -> ExpressionOfInterest:
    InterestTransition.objects.create(
        interest=interest,
        from_status=interest.status,
        to_status=target.value,
        actor=actor,
        comment=comment.strip(),
        at=now,
    )
    interest.status = target.value
    if action is InterestAction.FORWARD:
        interest.forwarded_at = now
    interest.save()
    recipients = [interest.sender]
    if action is InterestAction.FORWARD:
        recipients += listing_owners(interest.listing)
    notify(
        recipients=recipients,
        kind=NotificationKind.EOI_STATUS,
        subject=lambda: (
            _("Expression of interest in “%(title)s”: %(status)s")
            % {"title": localize(interest.listing.title), "status": EoiStatus(interest.status).label}
        ),
        body=comment.strip,
        url=interest_url(interest),
        now=now,
        skip=actor,
    )
    return interest
