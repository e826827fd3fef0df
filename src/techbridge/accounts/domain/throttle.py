"""Throttles against guessing and flooding: sign-in, password reset, registration, expressions of
interest and API tokens, counted per account and per client address.

Counters live in the shared `default` cache (Redis when TECHBRIDGE_REDIS_URL is set, so every
worker process counts together) through django-ratelimit's fixed windows. A scope is blocked
once its count reaches the limit, until its window ends; the message says when that is, in the
reader's language. Rates can be changed per scope in settings.TECHBRIDGE_THROTTLE_RATES.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass

from django.conf import settings
from django.dispatch import Signal
from django.utils.translation import ngettext
from django_ratelimit.core import get_usage

logger = logging.getLogger(__name__)

# "count/period": at most `count` attempts per window (s, m, h, d; "5/15m" is 5 per 15 minutes).
DEFAULT_RATES = {
    "sign_in.account": "5/15m",  # wrong passwords for one address
    "sign_in.address": "20/15m",  # wrong passwords from one client address
    "password_reset.account": "3/h",
    "password_reset.address": "10/h",
    "register.account": "3/h",
    "register.address": "10/h",
    "interest.user": "20/h",
    "api_token.user": "10/h",
}

# Sent when a scope becomes blocked (the audit log records it): sender=None, scope, value, request.
throttle_engaged = Signal()


@dataclass(frozen=True, slots=True)
class Blocked:
    scope: str
    retry_after_seconds: int

    @property
    def message(self) -> str:
        return lockout_message(self.retry_after_seconds)


def lockout_message(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    return ngettext(
        "Too many attempts. Please try again in %(minutes)d minute.",
        "Too many attempts. Please try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}


def _rate(scope: str) -> str:
    configured: dict[str, str] = getattr(settings, "TECHBRIDGE_THROTTLE_RATES", {})
    return configured.get(scope, DEFAULT_RATES[scope])


def _usage(scope: str, value: str, *, increment: bool) -> dict[str, int] | None:
    usage: dict[str, int] | None = get_usage(
        None,
        group=f"techbridge.{scope}",
        key=lambda _group, _request: value.lower(),
        rate=_rate(scope),
        increment=increment,
    )
    if usage is not None and usage["limit"] == 0:
        # The cache did not answer (django-ratelimit then reports limit 0): fail open, loudly,
        # rather than locking every person out while Redis is away.
        logger.warning("Throttle %s not counted: the cache did not answer", scope)
        return None
    return usage


def blocked(scope: str, value: str) -> Blocked | None:
    """Whether `value` (an address, an account, a user id) has used up `scope`, without counting."""
    if not value:
        return None
    usage = _usage(scope, value, increment=False)
    if usage is None or usage["count"] < usage["limit"]:
        return None
    return Blocked(scope=scope, retry_after_seconds=max(usage["time_left"], 1))


def count_attempt(scope: str, value: str, *, request: object = None) -> Blocked | None:
    """Count one attempt; returns the block when this attempt used up the scope."""
    if not value:
        return None
    usage = _usage(scope, value, increment=True)
    if usage is None or usage["count"] < usage["limit"]:
        return None
    if usage["count"] == usage["limit"]:
        throttle_engaged.send(sender=None, scope=scope, value=value, request=request)
    return Blocked(scope=scope, retry_after_seconds=max(usage["time_left"], 1))


def first_blocked(*checks: tuple[str, str]) -> Blocked | None:
    for scope, value in checks:
        found = blocked(scope, value)
        if found is not None:
            return found
    return None


def count_attempts(*checks: tuple[str, str], request: object = None) -> Blocked | None:
    """Count one attempt in each scope; the first block that results, if any."""
    results = [count_attempt(scope, value, request=request) for scope, value in checks]
    return next((result for result in results if result is not None), None)


def take_attempt(*checks: tuple[str, str], request: object = None) -> Blocked | None:
    """For actions counted whether they succeed or not: the block if one of the scopes is used up,
    else count this attempt (which is allowed) and return None."""
    block = first_blocked(*checks)
    if block is None:
        count_attempts(*checks, request=request)
    return block
