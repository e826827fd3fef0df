"""Expressions of interest across installations.

Here → origin: `check_send_remote_interest` stores the EOI and an outbox message in one
transaction; `deliver_due` posts due messages (signed) and retries failures with back-off; the
origin recognises a message it already took by its id. Origin side: `receive_interest` turns a
partner's Offer into a normal EOI of the listing (its broker or owner is notified as usual);
`interest_status` answers the partner's status checks, which `refresh_statuses` makes.
"""

from __future__ import annotations

import json
import re
import uuid
from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from techbridge.accounts.models import User
from techbridge.common.jobs import enqueue_job
from techbridge.directory.models import Organisation
from techbridge.federation.domain.errors import FederationRefusedError, logger, record_partner_error
from techbridge.federation.domain.keys import own_base_url
from techbridge.federation.domain.partners import proxy_user
from techbridge.federation.domain.signing import PartnerUnreachableError, signed_request
from techbridge.federation.enums import OutboxStatus, PartnerStatus, RecordKind
from techbridge.federation.models import InboundInterest, OutboxMessage, Partner, RemoteInterest, RemoteRecord
from techbridge.market.domain.interests import do_send_interest
from techbridge.market.enums import EoiStatus, ListingStatus, Visibility
from techbridge.market.models import ExpressionOfInterest, Listing
from techbridge_core.federation.activity import RefusalError, object_id

MAX_ATTEMPTS = 12
FIRST_RETRY = timedelta(seconds=30)
LONGEST_WAIT = timedelta(hours=6)
OPEN_STATUSES = (EoiStatus.SENT, EoiStatus.FORWARDED, EoiStatus.ACCEPTED)
_MARKUP = re.compile(r"<\s*[A-Za-z/!?]")


class RemoteInterestError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def check_send_remote_interest(
    *, record: RemoteRecord, sender: User, organisation: Organisation | None, message: str, now: datetime
) -> RemoteInterest:
    message = message.strip()
    if record.kind != RecordKind.LISTING or record.deleted or record.partner.status != PartnerStatus.ACTIVE:
        raise RemoteInterestError(_("This listing no longer takes expressions of interest."))
    if record.attributes.get("openForInterest") is False:
        raise RemoteInterestError(_("This listing no longer takes expressions of interest."))
    if not message:
        raise RemoteInterestError(_("Write a message."))
    if len(message) > 4000 or _MARKUP.search(message):
        raise RemoteInterestError(_("The message must be plain text of at most 4000 characters."))
    if RemoteInterest.objects.filter(record=record, sender=sender, status__in=OPEN_STATUSES).exists():
        raise RemoteInterestError(_("You have already expressed interest in this listing."))
    return do_send_remote_interest(
        record=record, sender=sender, organisation=organisation, message=message, now=now
    )


@transaction.atomic
def do_send_remote_interest(
    *, record: RemoteRecord, sender: User, organisation: Organisation | None, message: str, now: datetime
) -> RemoteInterest:
    interest = RemoteInterest.objects.create(record=record, sender=sender, message=message, created_at=now)
    payload = {
        "@context": "https://www.w3.org/ns/activitystreams",
        "type": "Offer",
        "id": f"{own_base_url()}/federation/interests/{interest.public_id}",
        "tb:interestId": str(interest.public_id),
        "actor": own_base_url(),
        "object": record.remote_id,
        "content": message,
        # Only what the sender sees on the form: their name and organisation, never the e-mail.
        "tb:senderName": sender.display_name,
        "tb:senderOrganisation": str(
            organisation.name.get("en") or next(iter(organisation.name.values()), "")
        )
        if organisation is not None and organisation.name
        else "",
        "published": now.isoformat(),
    }
    OutboxMessage.objects.create(
        partner=record.partner,
        path="/federation/inbox/",
        subject_id=interest.public_id,
        payload=payload,
        next_attempt_at=now,
        created_at=now,
    )
    enqueue_job("federation.deliver_outbox")
    return interest


def _wait(attempts: int) -> timedelta:
    wait: timedelta = FIRST_RETRY * (2 ** max(attempts - 1, 0))
    return min(wait, LONGEST_WAIT)


def deliver_due(*, now: datetime) -> dict[str, int]:
    """Post every due outbox message; a refusal by the partner (4xx but 401/429) is final."""
    counts = {"delivered": 0, "retry": 0, "failed": 0}
    due = OutboxMessage.objects.filter(
        status=OutboxStatus.PENDING, next_attempt_at__lte=now, partner__status=PartnerStatus.ACTIVE
    ).select_related("partner")
    for message in list(due[:200]):
        outcome = _deliver(message, now=now)
        counts[outcome] += 1
    return counts


def _deliver(message: OutboxMessage, *, now: datetime) -> str:
    error = ""
    try:
        answer = signed_request("POST", message.partner.url + message.path, message.payload)
        if answer.status in (200, 201, 202):
            message.status, message.delivered_at, message.last_error = OutboxStatus.DELIVERED, now, ""
            message.attempts += 1
            message.save()
            return "delivered"
        error = f"answered {answer.status}: {answer.body[:200].decode(errors='replace')}"
        final = 400 <= answer.status < 500 and answer.status not in (401, 408, 429)
    except PartnerUnreachableError as unreachable:
        error, final = f"unreachable: {unreachable}", False
    message.attempts += 1
    message.last_error = error[:500]
    if final or message.attempts >= MAX_ATTEMPTS:
        message.status = OutboxStatus.FAILED
        logger.warning("federation: outbox %s given up: %s", message.public_id, error)
        message.save()
        return "failed"
    message.next_attempt_at = now + _wait(message.attempts)
    message.save()
    return "retry"


def _offer(body: bytes) -> dict[str, Any]:
    try:
        document = json.loads(body)
    except ValueError as error:
        raise RefusalError("malformed JSON") from error
    if not isinstance(document, dict) or document.get("type") != "Offer":
        raise RefusalError("not an Offer")
    return document


def _plain(value: object, *, limit: int, where: str) -> str:
    if not isinstance(value, str) or len(value) > limit:
        raise RefusalError(f"{where}: not a text of at most {limit} characters")
    if _MARKUP.search(value):
        raise RefusalError(f"{where}: contains markup")
    return value.strip()


def receive_interest(*, partner: Partner, body: bytes, now: datetime) -> tuple[ExpressionOfInterest, bool]:
    """The EOI a partner's Offer became here, and whether it is new (False: the same id again)."""
    try:
        offer = _offer(body)
        remote_uuid = uuid.UUID(str(offer.get("tb:interestId")))
        if offer.get("actor") != partner.url or not str(offer.get("id", "")).startswith(partner.url + "/"):
            raise RefusalError("offer claims another origin")
        message = _plain(offer.get("content"), limit=4000, where="content")
        name = _plain(offer.get("tb:senderName", ""), limit=150, where="tb:senderName")
        organisation = _plain(
            offer.get("tb:senderOrganisation", ""), limit=200, where="tb:senderOrganisation"
        )
        target = str(offer.get("object", ""))
        prefix = object_id(own_base_url(), "listing", 0)[:-1]
        if not target.startswith(prefix) or not target[len(prefix) :].isdigit():
            raise RefusalError("object is not one of our listings")
        if not message:
            raise RefusalError("empty message")
    except (RefusalError, ValueError) as error:
        reason = getattr(error, "reason", str(error))
        record_partner_error(partner, f"interest refused: {reason}")
        raise FederationRefusedError(422, reason, partner=partner) from error
    known = InboundInterest.objects.filter(partner=partner, remote_uuid=remote_uuid).select_related(
        "interest"
    )
    if (found := known.first()) is not None:
        return found.interest, False
    listing = Listing.objects.filter(
        pk=int(target[len(prefix) :]),
        status=ListingStatus.PUBLISHED,
        visibility__in=(Visibility.PUBLIC, Visibility.ALLIANCE),
        open_for_interest=True,
    ).first()
    if listing is None:
        raise FederationRefusedError(422, "listing not open for interest", partner=partner)
    signature = ", ".join(part for part in (name, organisation) if part)
    try:
        with transaction.atomic():
            interest = do_send_interest(
                interest=ExpressionOfInterest(
                    listing=listing,
                    sender=proxy_user(partner),
                    message=f"{message}\n\n— {signature} (via {partner.name})",
                    created_at=now,
                ),
                now=now,
            )
            InboundInterest.objects.create(
                partner=partner, remote_uuid=remote_uuid, interest=interest, received_at=now
            )
    except IntegrityError:  # the same Offer delivered twice at once: the first one won
        return InboundInterest.objects.get(partner=partner, remote_uuid=remote_uuid).interest, False
    return interest, True


def interest_status(*, partner: Partner, remote_uuid: uuid.UUID) -> str | None:
    found = (
        InboundInterest.objects.filter(partner=partner, remote_uuid=remote_uuid)
        .select_related("interest")
        .first()
    )
    return found.interest.status if found is not None else None


def refresh_statuses(*, now: datetime) -> int:
    """Ask the origins about the open interests sent from here; the number whose status changed."""
    changed = 0
    open_interests = RemoteInterest.objects.filter(
        status__in=OPEN_STATUSES, record__partner__status=PartnerStatus.ACTIVE
    ).select_related("record__partner")
    for interest in open_interests[:500]:
        if not OutboxMessage.objects.filter(
            subject_id=interest.public_id, status=OutboxStatus.DELIVERED
        ).exists():
            continue
        partner = interest.record.partner
        try:
            answer = signed_request("GET", f"{partner.url}/federation/interests/{interest.public_id}/")
            status = answer.json().get("status") if answer.status == 200 else None
        except (PartnerUnreachableError, ValueError, AttributeError):
            continue
        if status in EoiStatus.values and status != interest.status:
            interest.status, interest.status_checked_at = status, now
            interest.save(update_fields=["status", "status_checked_at"])
            changed += 1
    return changed
