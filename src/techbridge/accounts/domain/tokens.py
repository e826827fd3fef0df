"""API tokens: created with a secret shown once, looked up by hash."""

from __future__ import annotations

import hashlib
import secrets

from django.utils import timezone

from techbridge.accounts.models import ApiToken, User

TOKEN_PREFIX = "tb_"  # noqa: S105 - a public marker that makes leaked tokens greppable, not a secret


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def do_create_api_token(*, user: User, name: str) -> tuple[ApiToken, str]:
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, prefix=secret[:10], key_hash=_hash(secret))
    return token, secret


def do_revoke_api_token(*, token: ApiToken) -> None:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])


def user_for_token(secret: str) -> User | None:
    if not secret.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=_hash(secret), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
