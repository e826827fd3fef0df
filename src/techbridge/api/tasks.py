"""Background jobs of the API: thin wrappers with primitive arguments.

Periodic: `api.purge_idempotency_keys`, hourly (keys live 24 hours; the hour is the slack).
"""

from __future__ import annotations

from datetime import timedelta

from django.tasks import task
from django.utils import timezone

from techbridge.api.idempotency import do_purge_expired_keys
from techbridge.common.jobs import job
from techbridge.common.periodic import periodic

PURGE_IDEMPOTENCY_KEYS_EVERY_SECONDS = 3600


@job("api.purge_idempotency_keys")
@task()
def purge_idempotency_keys() -> int:
    """Delete idempotency keys (and their stored answers) older than 24 hours."""
    return do_purge_expired_keys(now=timezone.now())


periodic("api.purge_idempotency_keys", every=timedelta(seconds=PURGE_IDEMPOTENCY_KEYS_EVERY_SECONDS))
