"""Partners: invitations exchanged out of band, the handshake that proves key possession, status changes."""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction

from techbridge.accounts.models import User
from techbridge.federation.domain.errors import FederationRefusedError
from techbridge.federation.domain.keys import load_public_key, local_key, own_base_url, own_name
from techbridge.federation.domain.signing import PartnerUnreachableError, signed_request
from techbridge.federation.enums import PartnerStatus
from techbridge.federation.models import Invitation, Partner
from techbridge_core.federation.signing import SignaturePolicyError, normalise_base_url

INVITATION_DAYS = 7


class PartnerError(Exception):
    """A partner could not be added: the message says why (shown to the administrator)."""


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_invitation(*, name: str, created_by: User | None, now: datetime) -> str:
    """A new invitation code for the partner named `name`: give it to their administrator out of band.

    It holds our address, name and public key and a one-time token (kept here only as a hash)."""
    token = secrets.token_urlsafe(32)
    Invitation.objects.create(
        token_sha256=_hash(token),
        name=name[:200],
        expires_at=now + timedelta(days=INVITATION_DAYS),
        created_by=created_by,
        created_at=now,
    )
    document = {"url": own_base_url(), "name": own_name(), "key": local_key().public_key_pem, "token": token}
    return base64.urlsafe_b64encode(json.dumps(document).encode()).decode()


@dataclass(frozen=True)
class InvitationContent:
    url: str
    name: str
    key: str
    token: str


def read_invitation(code: str) -> InvitationContent:
    try:
        document = json.loads(base64.urlsafe_b64decode(code.strip().encode()))
        content = InvitationContent(
            url=normalise_base_url(str(document["url"])),
            name=str(document["name"])[:200],
            key=str(document["key"]),
            token=str(document["token"]),
        )
        load_public_key(content.key)
    except (ValueError, KeyError, TypeError, binascii.Error, SignaturePolicyError) as error:
        raise PartnerError(f"not a valid invitation code: {error}") from error
    return content


def add_partner(*, url: str, name: str, public_key_pem: str, centres: str, now: datetime) -> Partner:
    """Add (or re-activate and re-key) a partner by hand, e.g. from an invitation's content."""
    try:
        url = normalise_base_url(url)
        load_public_key(public_key_pem)
    except (ValueError, SignaturePolicyError) as error:
        raise PartnerError(str(error)) from error
    if url == own_base_url():
        raise PartnerError("an installation cannot be its own partner")
    partner, _created = Partner.objects.update_or_create(
        url=url,
        defaults={
            "name": name[:200],
            "public_key_pem": public_key_pem.strip(),
            "centres": centres[:500],
            "status": PartnerStatus.ACTIVE,
        },
        create_defaults={
            "name": name[:200],
            "public_key_pem": public_key_pem.strip(),
            "centres": centres[:500],
            "created_at": now,
        },
    )
    return partner


def accept_invitation(*, code: str, centres: str, now: datetime) -> Partner:
    """Add the inviting installation and introduce ourselves to it (a signed handshake with the token)."""
    content = read_invitation(code)
    partner = add_partner(url=content.url, name=content.name, public_key_pem=content.key, centres="", now=now)
    payload = {
        "type": "Follow",
        "token": content.token,
        "url": own_base_url(),
        "name": own_name(),
        "centres": centres,
        "publicKeyPem": local_key().public_key_pem,
    }
    try:
        answer = signed_request("POST", f"{content.url}/federation/handshake/", payload)
    except PartnerUnreachableError as error:
        raise PartnerError(f"the partner did not answer: {error}") from error
    if answer.status not in (200, 201):
        raise PartnerError(f"the partner refused the handshake ({answer.status}): {answer.body[:200]!r}")
    try:
        document = answer.json()
        if isinstance(document, dict) and isinstance(document.get("centres"), str):
            Partner.objects.filter(pk=partner.pk).update(centres=document["centres"][:500])
    except ValueError:
        pass
    return partner


def handshake_payload(body: bytes) -> dict[str, str]:
    try:
        document = json.loads(body)
        return {name: str(document[name]) for name in ("token", "url", "name", "publicKeyPem")} | {
            "centres": str(document.get("centres", ""))
        }
    except (ValueError, KeyError, TypeError) as error:
        raise FederationRefusedError(400, "malformed handshake") from error


def complete_handshake(*, payload: dict[str, str], key_id: str, now: datetime) -> Partner:
    """The invited side introduced itself with a valid token and a signature made with the key it sent."""
    try:
        url = normalise_base_url(payload["url"])
    except SignaturePolicyError as error:
        raise FederationRefusedError(400, str(error)) from error
    if key_id != url:
        raise FederationRefusedError(401, "handshake signed for another address")
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update().filter(token_sha256=_hash(payload["token"])).first()
        )
        if invitation is None or invitation.used_at is not None or invitation.expires_at < now:
            raise FederationRefusedError(403, "unknown, used or expired invitation")
        try:
            partner = add_partner(
                url=url,
                name=payload["name"] or invitation.name,
                public_key_pem=payload["publicKeyPem"],
                centres=payload["centres"],
                now=now,
            )
        except PartnerError as error:
            raise FederationRefusedError(400, str(error)) from error
        invitation.used_at, invitation.partner = now, partner
        invitation.save(update_fields=["used_at", "partner"])
    return partner


def set_partner_status(*, partner: Partner, status: str) -> Partner:
    """Pause, resume or remove a partner. Its records stay (for audit) but leave search at once."""
    if status not in PartnerStatus.values:
        raise PartnerError(f"unknown status {status!r}")
    partner.status = status
    partner.save(update_fields=["status"])
    return partner


def proxy_user(partner: Partner) -> User:
    """The inactive system user that stands for the partner's people as sender of their EOIs here."""
    if partner.proxy_user_id is not None:
        return User.objects.get(pk=partner.proxy_user_id)
    user = User(
        email=f"partner-{partner.pk}@federation.invalid", display_name=partner.name[:150], is_active=False
    )
    user.set_unusable_password()
    user.save()
    partner.proxy_user = user
    partner.save(update_fields=["proxy_user"])
    return user
