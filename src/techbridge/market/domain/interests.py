"""Expressions of interest: sending one, and moving it on (forward, accept, decline, close)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from techbridge.accounts.domain.throttle import take_attempt
from techbridge.accounts.models import User
from techbridge.common.multilingual import localize
from techbridge.directory.models import Organisation, Person
from techbridge.market.domain.recipients import centre_brokers, listing_owners
from techbridge.market.enums import EoiStatus, ListingStatus, NotificationKind
from techbridge.market.models import ExpressionOfInterest, InterestTransition, Listing
from techbridge.notifications.domain.delivery import notify
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
    "not_anonymous": gettext_lazy("This listing names its owner already."),
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


# ---- after acceptance: each side reaches the other ---------------------------------------


@dataclass(frozen=True)
class ContactCard:
    """A named contact person, with only what they agreed on their profile to show partners."""

    side: str
    name: str
    position: str
    organisation: str
    email: str
    phone: str


def owner_identity_open(interest: ExpressionOfInterest) -> bool:
    """A named listing's owner is known; an anonymous one only after it revealed itself."""
    return not interest.listing.anonymous or interest.owner_revealed_at is not None


def _card(person: Person | None, *, side: str, organisation: Organisation | None) -> ContactCard | None:
    if person is None:
        return None
    user = person.user
    return ContactCard(
        side=side,
        name=person.full_name or (user.display_name if user else ""),
        position=str(localize(person.position) or ""),
        organisation=str(localize(organisation.name)) if organisation is not None else "",
        email=user.email if user is not None and person.share_email_with_partners else "",
        phone=person.phone if person.share_phone_with_partners else "",
    )


def _person_of(user: User | None) -> Person | None:
    return Person.objects.filter(user=user).first() if user is not None else None


def owner_contact_person(interest: ExpressionOfInterest) -> Person | None:
    """The listing's contact person; else whoever accepted the interest; else the listing's author."""
    listing = interest.listing
    if listing.contact_person_id is not None:
        return listing.contact_person
    accepted = interest.transitions.filter(to_status=EoiStatus.ACCEPTED).select_related("actor").first()
    return _person_of(accepted.actor if accepted else None) or _person_of(listing.created_by)


def contact_cards(interest: ExpressionOfInterest, parties: frozenset[Party]) -> list[ContactCard]:
    """What each party sees once the owner accepted: the other side's contact (brokers see both)."""
    if interest.status != EoiStatus.ACCEPTED:
        return []
    cards: list[ContactCard | None] = []
    if Party.OWNER in parties or Party.BROKER in parties:
        cards.append(
            _card(_person_of(interest.sender), side=_("Sender"), organisation=interest.sender_organisation)
        )
    if Party.BROKER in parties or (Party.SENDER in parties and owner_identity_open(interest)):
        cards.append(
            _card(
                owner_contact_person(interest),
                side=_("Listing owner"),
                organisation=interest.listing.owner_organisation,
            )
        )
    return [card for card in cards if card is not None]


def next_step(interest: ExpressionOfInterest, parties: frozenset[Party]) -> str:
    """One sentence on what happens next, for the party reading the page."""
    if interest.status in (EoiStatus.SENT, EoiStatus.FORWARDED):
        return _waiting_step(interest, parties)
    if interest.status == EoiStatus.ACCEPTED:
        return _accepted_step(interest, parties)
    if interest.status == EoiStatus.DECLINED:
        return _("The owner declined. Other listings may fit: see the best matches on the listing page.")
    return _("This expression of interest is closed.")


def _waiting_step(interest: ExpressionOfInterest, parties: frozenset[Party]) -> str:
    if Party.OWNER in parties or Party.BROKER in parties:
        return _("Accept to exchange contact details with the sender, or decline with a reason.")
    if interest.status == EoiStatus.SENT and interest.listing.anonymous:
        return _(
            "The centre's broker reads the interest first and forwards it to the owner; you will be notified."
        )
    return _("The owner decides whether to take it further; you will be notified.")


def _accepted_step(interest: ExpressionOfInterest, parties: frozenset[Party]) -> str:
    if owner_identity_open(interest):
        return _(
            "Contact each other directly with the details below. "
            "Record the outcome by closing the expression of interest."
        )
    if Party.OWNER in parties:
        return _(
            "Reveal your organisation to this sender so that you can talk directly; "
            "until then the broker relays messages."
        )
    return _("The owner accepted and may reveal itself; until then the centre's broker relays messages.")


def check_reveal_owner(
    *, interest: ExpressionOfInterest, actor: User, parties: frozenset[Party], now: datetime
) -> ExpressionOfInterest:
    if Party.OWNER not in parties:
        raise InterestError("not_allowed")
    if not interest.listing.anonymous or interest.owner_revealed_at is not None:
        raise InterestError("not_anonymous")
    if interest.status != EoiStatus.ACCEPTED:
        raise InterestError("wrong_status")
    return do_reveal_owner(interest=interest, actor=actor, now=now)


@transaction.atomic
def do_reveal_owner(*, interest: ExpressionOfInterest, actor: User, now: datetime) -> ExpressionOfInterest:
    interest.owner_revealed_at = now
    interest.save(update_fields=["owner_revealed_at", "updated_at"])
    listing = interest.listing
    notify(
        recipients=[interest.sender],
        kind=NotificationKind.EOI_STATUS,
        subject=lambda: (
            _("The owner of “%(title)s” shared its contact details") % {"title": localize(listing.title)}
        ),
        body=lambda: str(localize(listing.owner_organisation.name)),
        url=interest_url(interest),
        now=now,
        skip=actor,
    )
    return interest
