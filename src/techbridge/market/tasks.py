"""Background jobs of the market, the top of the app: notification e-mails, listing expiry, alerts.

Each job takes primitive arguments, loads what it needs and calls one domain function; the
recurring ones are declared on the periodic schedule at the end (run by every worker).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from techbridge.accounts.models import User
from techbridge.common.jobs import job
from techbridge.common.periodic import periodic
from techbridge.directory.models import Membership
from techbridge.market.models import AlertFrequency, Listing, Notification

logger = logging.getLogger(__name__)


@job("market.send_notification_email")
@task()
def send_notification_email(*, notification_id: int) -> int:
    notification = Notification.objects.select_related("recipient").filter(pk=notification_id).first()
    if notification is None or not notification.recipient.is_active:
        return 0
    link = f"{settings.SITE_URL.rstrip('/')}{notification.url}" if notification.url else ""
    body = "\n\n".join(part for part in (notification.body, link) if part)
    return send_mail(notification.subject, body, None, [notification.recipient.email])


def _enqueue_email(notification_id: int) -> None:
    send_notification_email.enqueue(notification_id=notification_id)


def deliver(*, recipients: list[User], kind: str, subject: str, body: str, url: str, now: datetime) -> int:
    """One in-app notification per recipient, and its e-mail once the transaction commits.

    The caller renders `subject` and `body` in the recipients' language (translation.override).
    """
    created = 0
    for recipient in {user.pk: user for user in recipients}.values():
        notification = Notification.objects.create(
            recipient=recipient, kind=kind, subject=subject[:300], body=body, url=url, created_at=now
        )
        transaction.on_commit(partial(_enqueue_email, notification.pk))
        created += 1
    return created


def owner_members(listing: Listing) -> list[User]:
    memberships = Membership.objects.filter(organisation_id=listing.owner_organisation_id)
    return [membership.user for membership in memberships.select_related("user")]


# _DOMAIN_IMPORTS_INSIDE: market.domain.notifications still imports deliver() from this module
# (until notification delivery moves to its own app), so the jobs below import the domain when
# they run rather than when this module loads, which would be circular.


@job("market.expire_listings", retry_when_lost=True)
@task()
def expire_listings(*, now_iso: str = "") -> dict[str, int]:
    """Warn, expire and archive listings; `now_iso` lets an operator replay a day (default: now)."""
    from techbridge.market.domain.expiry import run_expiry  # see _DOMAIN_IMPORTS_INSIDE

    now = datetime.fromisoformat(now_iso) if now_iso else timezone.now()
    return run_expiry(now=now)


@job("market.send_saved_search_alerts")
@task()
def send_saved_search_alerts(*, frequency: str, now_iso: str = "") -> int:
    """New matches of the saved searches of one frequency (each mailed when its period is up)."""
    from techbridge.market.access import find_listings  # see _DOMAIN_IMPORTS_INSIDE
    from techbridge.market.domain.alerts import send_due_alerts

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
