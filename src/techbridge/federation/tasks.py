"""Background jobs of federation: pull the partners' changes, deliver the outbox, forget old nonces.

Each job calls domain functions; the schedule is at the end (run by every worker).
"""

from __future__ import annotations

from datetime import timedelta

from django.tasks import task
from django.utils import timezone

from techbridge.common.jobs import job
from techbridge.common.periodic import periodic
from techbridge.federation.domain.alliance_search import embed_remote_records
from techbridge.federation.domain.interests import deliver_due, refresh_statuses
from techbridge.federation.domain.publishing import refresh_publications
from techbridge.federation.domain.pulling import pull_all
from techbridge.federation.domain.signing import purge_old_nonces


@job("federation.pull_partners", retry_when_lost=True)
@task()
def pull_partners() -> dict[str, int]:
    """Every active partner's changes since its cursor, then the status of interests sent there."""
    now = timezone.now()
    totals = pull_all(now=now)
    totals["embedded"] = embed_remote_records()  # ranked with the local listings by the alliance search
    totals["statuses"] = refresh_statuses(now=now)
    return totals


@job("federation.deliver_outbox", retry_when_lost=True)
@task()
def deliver_outbox() -> dict[str, int]:
    return deliver_due(now=timezone.now())


@job("federation.housekeeping")
@task()
def housekeeping() -> dict[str, int]:
    """Forget nonces older than the signature window allows, and bring the publications up to date."""
    return {"nonces": purge_old_nonces(), "published": refresh_publications(now=timezone.now(), force=True)}


periodic("federation.pull_partners", every=timedelta(minutes=5))
periodic("federation.deliver_outbox", every=timedelta(minutes=1))
periodic("federation.housekeeping", every=timedelta(minutes=15))
