"""Background jobs of events, the top of the app: scheduler runs and meeting-request expiry.

Each job takes primitive arguments and calls one domain function; the recurring one is declared
on the periodic schedule at the end.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.tasks import task
from django.utils import timezone

from techbridge.common.jobs import job
from techbridge.common.periodic import periodic
from techbridge.events.domain.request_expiry import expire_requests
from techbridge.events.domain.schedule_runs import do_run_schedule, fail_lost_run

logger = logging.getLogger(__name__)


# Not retried when its worker dies (a solve can take ten minutes): the run is marked failed
# with the reason, and the organiser may start a new one.
@job("events.run_schedule", on_lost=fail_lost_run)
@task()
def run_schedule(*, run_id: int, seed: int | None = None) -> str:
    """``seed`` defaults to the run's id (the demo passes its own, to be reproducible)."""
    return do_run_schedule(run_id=run_id, seed=seed)


@job("events.expire_meeting_requests", retry_when_lost=True)
@task()
def expire_meeting_requests(*, now_iso: str = "") -> int:
    """The periodic job; `now_iso` lets an operator replay a moment (defaults to the current time)."""
    now = datetime.fromisoformat(now_iso) if now_iso else timezone.now()
    count = expire_requests(now=now)
    logger.info("meeting request expiry at %s: %d expired", now.isoformat(), count)
    return count


periodic("events.expire_meeting_requests", every=timedelta(minutes=15))
