"""Background jobs of matching, the top of the app: keep the vectors and the index current, digests.

Each job takes primitive arguments and calls one domain function (domain/indexing.py,
domain/digest.py); the recurring ones are declared on the periodic schedule at the end.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.tasks import task
from django.utils import timezone

from techbridge.common.jobs import job
from techbridge.common.periodic import periodic
from techbridge.directory.models import ExpertProfile
from techbridge.matching.access import candidate_listings, own_published_listings
from techbridge.matching.domain import indexing
from techbridge.matching.domain.digest import send_weekly_digests

logger = logging.getLogger(__name__)


@job("matching.build_listing_index", retry_when_lost=True)
@task()
def build_listing_index() -> dict[str, int]:
    return indexing.build_listing_index()


@job("matching.index_listings", retry_when_lost=True)
@task()
def index_listings(*, batch_size: int = indexing.DEFAULT_BATCH_SIZE) -> dict[str, int]:
    """Embed every published listing whose text changed, then rebuild the index files."""
    counts = indexing.index_all_listings(batch_size=batch_size)
    build_listing_index.enqueue()  # each batch committed already: no transaction to wait for
    return counts


@job("matching.index_listing", retry_when_lost=True)
@task()
def index_listing(*, listing_id: int) -> dict[str, int]:
    """Bring one listing's vector up to date (after a save or a status change)."""
    return indexing.index_one_listing(listing_id=listing_id)


@job("matching.index_experts", retry_when_lost=True)
@task()
def index_experts(*, batch_size: int = indexing.DEFAULT_BATCH_SIZE) -> dict[str, int]:
    return indexing.index_all_experts(batch_size=batch_size)


@job("matching.index_expert", retry_when_lost=True)
@task()
def index_expert(*, profile_id: int) -> dict[str, int]:
    return {"embedded": indexing.index_expert_queryset(ExpertProfile.objects.filter(pk=profile_id))}


@job("matching.send_weekly_digest")
@task()
def send_weekly_digest() -> int:
    """The weekly digest of new matches, each recommendation run AS its recipient."""
    sent = send_weekly_digests(
        now=timezone.now(), own_listings=own_published_listings, candidates=candidate_listings
    )
    logger.info("matching digest: %d e-mails sent", sent)
    return sent


# The schedule (cron times in UTC). The index catches up with anything a lost save-signal missed.
periodic("matching.index_listings", every=timedelta(hours=6))
periodic("matching.index_experts", every=timedelta(hours=6))
periodic("matching.send_weekly_digest", cron="0 7 * * 1")
