"""Signing our requests and checking our partners' (RFC 9421 with Ed25519, docs/decisions/0016).

Outgoing: `signed_request` signs method, target URI and (for a body) its Content-Digest, with a
fresh nonce and the created time. Incoming: `verify_partner_request` finds the partner by the
signature's keyid, checks the signature with its key, the created window, the nonce (a nonce seen
before is a replay: the database's unique constraint decides) and the partner's rate limit.
"""

from __future__ import annotations

import json
import secrets
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from http_message_signatures import (
    HTTPMessageSigner,
    HTTPMessageVerifier,
    HTTPSignatureKeyResolver,
    InvalidSignature,
    MappingKeyResolver,
    algorithms,
)
from http_message_signatures.structures import CaseInsensitiveDict

from techbridge.federation.domain.errors import FederationRefusedError, record_partner_error
from techbridge.federation.domain.keys import load_public_key, own_base_url, private_key
from techbridge.federation.enums import PartnerStatus
from techbridge.federation.models import Partner, SeenNonce
from techbridge_core.federation.activity import MAX_PAGE_BYTES
from techbridge_core.federation.signing import (
    BODY_COMPONENTS,
    COVERED_COMPONENTS,
    CREATED_WINDOW_SECONDS,
    LABEL,
    TAG,
    SignaturePolicyError,
    check_nonce,
)

TIMEOUT_SECONDS = 15
CONTENT_TYPE = "application/activity+json"


@dataclass
class _Message:
    method: str
    url: str
    headers: CaseInsensitiveDict


def sign_headers(method: str, url: str, body: bytes | None = None) -> dict[str, str]:
    headers = CaseInsensitiveDict()  # type: ignore[no-untyped-call]
    if body is not None:
        headers["Content-Type"] = CONTENT_TYPE
    key_id = own_base_url()
    signer = HTTPMessageSigner(
        signature_algorithm=algorithms.ED25519,
        key_resolver=MappingKeyResolver(public_keys={}, private_keys={key_id: private_key()}),
    )
    signer.sign(
        _Message(method, url, headers),
        key_id=key_id,
        nonce=secrets.token_urlsafe(24),
        label=LABEL,
        tag=TAG,
        covered_component_ids=COVERED_COMPONENTS,
        body=body,
    )
    return dict(headers.items())


class PartnerUnreachableError(Exception):
    """The partner did not answer, or answered with an error status or an oversized body."""


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes
    content_type: str

    def json(self) -> Any:
        return json.loads(self.body)


def signed_request(method: str, url: str, payload: object | None = None) -> Answer:
    """Send one signed request; the answer's body is read up to MAX_PAGE_BYTES (+1 to notice more)."""
    body = None if payload is None else json.dumps(payload, ensure_ascii=False).encode()
    headers = sign_headers(method, url, body)
    headers["Accept"] = CONTENT_TYPE
    request = urllib.request.Request(url, data=body, method=method, headers=headers)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            data = response.read(MAX_PAGE_BYTES + 1)
            return Answer(response.status, data, response.headers.get("Content-Type", ""))
    except urllib.error.HTTPError as error:
        data = error.read(10_000)
        return Answer(error.code, data, error.headers.get("Content-Type", ""))
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise PartnerUnreachableError(str(error)[:300]) from error


class _PartnerKeys(HTTPSignatureKeyResolver):
    def __init__(self) -> None:
        self.partner: Partner | None = None

    def resolve_public_key(self, key_id: str) -> Any:
        self.partner = Partner.objects.filter(url=key_id).first()
        if self.partner is None:
            return None
        return load_public_key(self.partner.public_key_pem)

    def resolve_private_key(self, key_id: str) -> Any:  # pragma: no cover - verification only
        raise KeyError(key_id)


def _message_of(request: HttpRequest) -> _Message:
    return _Message(
        request.method or "GET",
        request.build_absolute_uri(),
        CaseInsensitiveDict(request.headers.items()),  # type: ignore[no-untyped-call]
    )


def verify_signature(
    request: HttpRequest, *, public_key_pem: str | None = None
) -> tuple[Partner | None, str]:
    """The partner (None with `public_key_pem`: a handshake) and the signature's keyid; or refused."""
    keys = _PartnerKeys()
    resolver: HTTPSignatureKeyResolver = keys
    if public_key_pem is not None:
        key_id = _claimed_key_id(request)
        resolver = MappingKeyResolver(public_keys={key_id: load_public_key(public_key_pem)}, private_keys={})
    verifier = HTTPMessageVerifier(signature_algorithm=algorithms.ED25519, key_resolver=resolver)
    body = request.body if request.method not in ("GET", "HEAD") else None
    try:
        results = verifier.verify(
            _message_of(request),
            max_age=timedelta(seconds=CREATED_WINDOW_SECONDS),
            expect_tag=TAG,
            require_components=BODY_COMPONENTS if body is not None else COVERED_COMPONENTS,
            body=body,
        )
        nonce = check_nonce(results[0].nonce)
    except (InvalidSignature, SignaturePolicyError, ValueError) as error:
        reason = f"bad signature: {error}"[:300]
        if keys.partner is not None:
            record_partner_error(keys.partner, reason)
        raise FederationRefusedError(401, reason, partner=keys.partner) from error
    key_id = str(results[0].parameters["keyid"])
    if keys.partner is not None:
        _remember_nonce(keys.partner, nonce)
    return keys.partner, key_id


def _claimed_key_id(request: HttpRequest) -> str:
    import http_sf

    try:
        parsed: Any = http_sf.parse(request.headers.get("Signature-Input", "").encode(), tltype="dictionary")
        return str(parsed[LABEL][1]["keyid"])
    except (KeyError, IndexError, TypeError, ValueError) as error:
        raise FederationRefusedError(401, "signature without keyid") from error


def _remember_nonce(partner: Partner, nonce: str) -> None:
    try:
        with transaction.atomic():
            SeenNonce.objects.create(partner=partner, nonce=nonce, seen_at=timezone.now())
    except IntegrityError as error:
        record_partner_error(partner, "replayed request (nonce seen before)")
        raise FederationRefusedError(401, "replayed request", partner=partner) from error


def _take_rate(partner: Partner) -> None:
    minute = int(timezone.now().timestamp() // 60)
    key = f"federation-rate:{partner.pk}:{minute}"
    cache.add(key, 0, timeout=120)
    try:
        used = cache.incr(key)
    except ValueError:
        used = 1
    if used > partner.rate_limit_per_minute:
        raise FederationRefusedError(429, "rate limit", partner=partner)


def verify_partner_request(request: HttpRequest) -> Partner:
    """The active partner who signed this request, or FederationRefusedError (401, 403, 429)."""
    partner, _key_id = verify_signature(request)
    if partner is None:
        raise FederationRefusedError(401, "unknown key")
    if partner.status != PartnerStatus.ACTIVE:
        raise FederationRefusedError(403, f"partner {partner.status}", partner=partner)
    _take_rate(partner)
    return partner


def purge_old_nonces() -> int:
    cutoff = timezone.now() - timedelta(seconds=CREATED_WINDOW_SECONDS * 4)
    deleted, _ = SeenNonce.objects.filter(seen_at__lt=cutoff).delete()
    return deleted
