"""`Idempotency-Key` on API POSTs: a client that retries a write after losing the answer gets the
first answer again instead of a second object.

The key is claimed (a row, unique per user) before the operation runs, so a concurrent duplicate
finds it taken; a successful (2xx) answer is stored with it for KEY_LIFETIME; a refused or failed
request releases the key, since it created nothing and may be retried as it is.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone

from techbridge.accounts.domain.tokens import user_for_token
from techbridge.accounts.models import User
from techbridge.api.models import IdempotencyKey

HEADER = "Idempotency-Key"
KEY_LIFETIME = timedelta(hours=24)
API_PREFIX = "/api/"
MAX_KEY_LENGTH = 255

REUSED_KEY = (
    "This Idempotency-Key was already used with a different request; use a new key for a new request."
)
KEY_IN_USE = "A request with this Idempotency-Key is still being processed; retry in a moment."
BAD_KEY = "The Idempotency-Key must be 1 to 255 visible ASCII characters."


@dataclass(frozen=True, slots=True)
class Claim:
    """The outcome of claiming a key: ours to run, or the stored row of an earlier request."""

    row: IdempotencyKey
    ours: bool


def _caller(request: HttpRequest) -> User | None:
    authorization = request.headers.get("Authorization", "")
    if authorization:
        scheme, _sep, secret = authorization.partition(" ")
        return user_for_token(secret.strip()) if scheme.lower() == "bearer" else None
    user = request.user
    return user if isinstance(user, User) and user.is_authenticated else None


def _fingerprint(request: HttpRequest) -> str:
    digest = hashlib.sha256()
    digest.update(f"{request.method} {request.path}\n".encode())
    digest.update(request.body)
    return digest.hexdigest()


def _valid(key: str) -> bool:
    return 0 < len(key) <= MAX_KEY_LENGTH and key.isascii() and key.isprintable()


def claim_key(*, user: User, key: str, fingerprint: str, now: datetime) -> Claim:
    """Claim `key` for this request, or return the earlier request's row (an expired one is replaced)."""
    IdempotencyKey.objects.filter(user=user, key=key, created_at__lt=now - KEY_LIFETIME).delete()
    try:
        with transaction.atomic():
            row = IdempotencyKey.objects.create(user=user, key=key, fingerprint=fingerprint, created_at=now)
        return Claim(row=row, ours=True)
    except IntegrityError:
        existing = IdempotencyKey.objects.filter(user=user, key=key).first()
        if existing is None:  # released between our insert and this read: the client may retry
            return Claim(row=IdempotencyKey(user=user, key=key, fingerprint=fingerprint), ours=False)
        return Claim(row=existing, ours=False)


def do_store_response(*, row: IdempotencyKey, response: HttpResponse) -> None:
    row.status_code = response.status_code
    row.content_type = response.get("Content-Type", "")
    row.body = response.content
    row.save(update_fields=["status_code", "content_type", "body"])


def do_purge_expired_keys(*, now: datetime) -> int:
    deleted, _by_model = IdempotencyKey.objects.filter(created_at__lt=now - KEY_LIFETIME).delete()
    return int(deleted)


def _error(status: int, detail: str) -> JsonResponse:
    return JsonResponse({"detail": detail}, status=status)


def _replay(row: IdempotencyKey) -> HttpResponse:
    response = HttpResponse(
        bytes(row.body), status=row.status_code or 200, content_type=row.content_type or None
    )
    response["Idempotent-Replayed"] = "true"
    return response


def _earlier_answer(row: IdempotencyKey, fingerprint: str) -> HttpResponse:
    if row.fingerprint != fingerprint:
        return _error(422, REUSED_KEY)
    if row.status_code is None:
        return _error(409, KEY_IN_USE)
    return _replay(row)


class IdempotencyMiddleware:
    """Applies to POSTs under /api/ that carry the header and come from a signed-in caller
    (an unauthenticated request is left to the operation, which answers 401)."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = request.headers.get(HEADER)
        if key is None or request.method != "POST" or not request.path.startswith(API_PREFIX):
            return self.get_response(request)  # type: ignore[no-any-return]
        if not _valid(key):
            return _error(422, BAD_KEY)
        user = _caller(request)
        if user is None:
            return self.get_response(request)  # type: ignore[no-any-return]
        fingerprint = _fingerprint(request)
        claim = claim_key(user=user, key=key, fingerprint=fingerprint, now=timezone.now())
        if not claim.ours:
            return _earlier_answer(claim.row, fingerprint)
        try:
            response: HttpResponse = self.get_response(request)
        except BaseException:
            claim.row.delete()
            raise
        if 200 <= response.status_code < 300 and not response.streaming:
            do_store_response(row=claim.row, response=response)
        else:
            claim.row.delete()
        return response
