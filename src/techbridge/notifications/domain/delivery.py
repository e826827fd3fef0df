"""The one way the platform tells a user something: `notify`.

Each recipient gets an in-app notice written in their own language (the subject and body callables
run inside it) and, as they chose for that kind, its e-mail at once (a background job), a place in
tomorrow's digest, or nothing more.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone, translation

from techbridge.accounts.domain.language import reader_language
from techbridge.accounts.domain.time_zone import viewer_time_zone
from techbridge.accounts.models import User
from techbridge.common.jobs import enqueue_job
from techbridge.notifications.domain.preferences import deliveries_for
from techbridge.notifications.enums import Delivery, EmailState
from techbridge.notifications.kinds import registered_kind
from techbridge.notifications.models import Notification

SEND_EMAIL_JOB = "notifications.send_email"

_EMAIL_STATE = {
    Delivery.IN_APP: EmailState.NONE,
    Delivery.EMAIL: EmailState.QUEUED,
    Delivery.DIGEST: EmailState.DIGEST,
}


def notify(
    *,
    recipients: Iterable[User],
    kind: str,
    subject: Callable[[], str],
    body: Callable[[], str],
    url: str,
    now: datetime,
    skip: User | None = None,
) -> int:
    """Notify each recipient once (not `skip`, the user who caused it); the number notified.

    `subject` and `body` are called once per recipient inside their language and time zone.
    """
    registered = registered_kind(kind)
    unique = {user.pk: user for user in recipients if skip is None or user.pk != skip.pk}
    deliveries = deliveries_for(users=unique.values(), kind=registered)
    notified = 0
    for recipient in unique.values():
        delivery = deliveries[recipient.pk]
        if delivery is Delivery.OFF:
            continue
        with (
            translation.override(reader_language(recipient)),
            timezone.override(ZoneInfo(viewer_time_zone(recipient))),
        ):
            notification = Notification.objects.create(
                recipient=recipient,
                kind=registered.code,
                subject=str(subject())[:300],
                body=str(body()),
                url=url,
                created_at=now,
                email_state=_EMAIL_STATE[delivery],
            )
        if delivery is Delivery.EMAIL:
            enqueue_job(SEND_EMAIL_JOB, notification_id=notification.pk)
        notified += 1
    return notified
