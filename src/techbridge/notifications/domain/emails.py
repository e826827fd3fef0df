"""Notification e-mails, one at a time or gathered in a daily digest, in the reader's language.

Each e-mail carries a one-click unsubscription (List-Unsubscribe headers and a link in the text) that
stops the e-mails of the kinds it contains. Marking a notice as mailed and sending happen in one
transaction guarded by its state, so a repeated or concurrent run sends nothing twice and a failed
send is retried by the next run.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from techbridge.accounts.domain.language import reader_language
from techbridge.accounts.models import User
from techbridge.notifications.domain.preferences import unsubscribe_url
from techbridge.notifications.domain.unsubscribe import unsubscribe_headers
from techbridge.notifications.enums import EmailState
from techbridge.notifications.kinds import kind_label
from techbridge.notifications.models import Notification

DIGEST_SIZE = 100


def _site_url(path: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{path}" if path else ""


def _footer(user: User, kinds: Iterable[str], stop_url: str) -> str:
    labels = ", ".join(kind_label(code) for code in sorted(set(kinds)))
    return "\n".join(
        [
            "-- ",
            _("You receive this e-mail because of your notification settings (%(kinds)s).")
            % {"kinds": labels},
            _("Change your notification settings: %(url)s")
            % {"url": _site_url(reverse("notifications:preferences"))},
            _("Stop these e-mails: %(url)s") % {"url": stop_url},
        ]
    )


def _message(user: User, *, subject: str, text: str, kinds: list[str]) -> EmailMessage:
    stop_url = unsubscribe_url(user=user, kinds=kinds)
    body = "\n\n".join([text, _footer(user, kinds, stop_url)])
    return EmailMessage(subject, body, None, [user.email], headers=unsubscribe_headers(stop_url))


def notification_email(notification: Notification) -> EmailMessage:
    """The notice's own text (already in the reader's language) with its link and footer."""
    user = notification.recipient
    with translation.override(reader_language(user)):
        text = "\n\n".join(part for part in (notification.body, _site_url(notification.url)) if part)
        return _message(user, subject=notification.subject, text=text, kinds=[notification.kind])


def do_send_notification_email(*, notification_id: int, now: datetime) -> int:
    """Send one queued notice's e-mail; 0 when it was sent already or its recipient left."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update()
            .select_related("recipient")
            .filter(pk=notification_id, email_state=EmailState.QUEUED)
            .first()
        )
        if notification is None:
            return 0
        notification.email_state = EmailState.SENT if notification.recipient.is_active else EmailState.NONE
        notification.emailed_at = now if notification.recipient.is_active else None
        notification.save(update_fields=["email_state", "emailed_at"])
        if not notification.recipient.is_active:
            return 0
        return notification_email(notification).send()


def digest_email(user: User, notices: list[Notification]) -> EmailMessage:
    with translation.override(reader_language(user)):
        lines = [_("What happened on techbridge since your last digest:"), ""]
        for notice in notices:
            lines.append(f"- {notice.subject}")
            lines += [f"  {line}" for line in (notice.body[:300], _site_url(notice.url)) if line]
        subject = _("Your techbridge digest: %(count)d notifications") % {"count": len(notices)}
        return _message(user, subject=subject, text="\n".join(lines), kinds=[n.kind for n in notices])


def do_send_digest(*, user: User, now: datetime) -> int:
    """Gather the user's notices held for the digest into one e-mail; the number of notices sent."""
    with transaction.atomic():
        notices = list(
            Notification.objects.select_for_update()
            .filter(recipient=user, email_state=EmailState.DIGEST, created_at__lte=now)
            .order_by("created_at", "id")[:DIGEST_SIZE]
        )
        if not notices:
            return 0
        Notification.objects.filter(pk__in=[notice.pk for notice in notices]).update(
            email_state=EmailState.SENT, emailed_at=now
        )
        if user.is_active:
            digest_email(user, notices).send()
    return len(notices)


def send_daily_digests(*, now: datetime) -> int:
    """One digest per user with held notices; the number of notices sent."""
    due = Notification.objects.filter(email_state=EmailState.DIGEST, created_at__lte=now)
    user_ids = sorted(set(due.values_list("recipient_id", flat=True)))
    sent = 0
    for user in User.objects.filter(pk__in=user_ids).order_by("pk"):
        sent += do_send_digest(user=user, now=now)
    return sent
