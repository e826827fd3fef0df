"""Background jobs of notifications: one notice's e-mail, and the daily digest.

Entry points with primitive arguments; each loads its rows and calls one domain function. The domain
enqueues the e-mail job by name (`common.jobs.enqueue_job`).
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.tasks import task
from django.utils import timezone

from techbridge.common.jobs import job
from techbridge.common.periodic import periodic
from techbridge.notifications.domain.emails import do_send_notification_email, send_daily_digests

logger = logging.getLogger(__name__)


@job("notifications.send_email")
@task()
def send_notification_email(*, notification_id: int) -> int:
    return do_send_notification_email(notification_id=notification_id, now=timezone.now())


@job("notifications.send_daily_digests")
@task()
def send_digests(*, now_iso: str = "") -> int:
    """The daily job; `now_iso` lets an operator replay a day (defaults to the current time)."""
    now = datetime.fromisoformat(now_iso) if now_iso else timezone.now()
    sent = send_daily_digests(now=now)
    logger.info("notification digests at %s: %d notices sent", now.isoformat(), sent)
    return sent


# The digest goes out once a day, early in the European morning (afternoon in China), with
# everything held since the last one.
periodic("notifications.send_daily_digests", cron="0 6 * * *")
