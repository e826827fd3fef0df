"""Background jobs of the cooperation app (the TOP of the app, per the app template).

`cooperation.flag_overdue_milestones` runs daily (the periodic schedule at the end, run by every
worker): open milestones past their due date are flagged on the broker's list and the parties notified.
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.tasks import task
from django.utils import timezone

from techbridge.common.jobs import job
from techbridge.common.periodic import periodic
from techbridge.cooperation.domain.projects import flag_overdue_milestones

logger = logging.getLogger(__name__)


@job("cooperation.flag_overdue_milestones")
@task()
def flag_overdue(*, now_iso: str = "") -> int:
    """`now_iso` lets an operator replay a day (defaults to the current time)."""
    now = datetime.fromisoformat(now_iso) if now_iso else timezone.now()
    flagged = flag_overdue_milestones(today=timezone.localdate(now), now=now)
    logger.info("cooperation overdue milestones at %s: %d flagged", now.isoformat(), flagged)
    return flagged


# Every day at 05:30 UTC, before brokers start their day in Europe.
periodic("cooperation.flag_overdue_milestones", cron="30 5 * * *")
