"""Background jobs of the market, the top of the app: listing expiry and saved-search alerts.

Each job takes primitive arguments, loads what it needs and calls one domain function; the
recurring ones are declared on the periodic schedule at the end (run by every worker).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.tasks import task
from django.utils import timezone

from techbridge.common.jobs import job
from techbridge.common.periodic import periodic
from techbridge.market.access import find_listings
from techbridge.market.domain.alerts import send_due_alerts
from techbridge.market.domain.expiry import run_expiry
from techbridge.market.models import AlertFrequency


@job("market.expire_listings", retry_when_lost=True)
@task()
def expire_listings(*, now_iso: str = "") -> dict[str, int]:
    """Warn, expire and archive listings; `now_iso` lets an operator replay a day (default: now)."""
    now = datetime.fromisoformat(now_iso) if now_iso else timezone.now()
    return run_expiry(now=now)


@job("market.send_saved_search_alerts")
@task()
def send_saved_search_alerts(*, frequency: str, now_iso: str = "") -> int:
    """New matches of the saved searches of one frequency (each mailed when its period is up)."""
    now = datetime.fromisoformat(now_iso) if now_iso else timezone.now()
    return send_due_alerts(frequency=frequency, now=now, visible_matches=find_listings)


# The schedule (cron times in UTC). Expiry is idempotent, so hourly keeps warnings within the hour.
periodic("market.expire_listings", every=timedelta(hours=1))
periodic(
    "market.saved_search_alerts.daily",
    job="market.send_saved_search_alerts",
    cron="0 6 * * *",
    kwargs={"frequency": AlertFrequency.DAILY.value},
)
periodic(
    "market.saved_search_alerts.weekly",
    job="market.send_saved_search_alerts",
    cron="0 6 * * 1",
    kwargs={"frequency": AlertFrequency.WEEKLY.value},
)
