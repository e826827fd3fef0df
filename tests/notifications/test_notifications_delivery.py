"""One delivery path: in-app notices, e-mails by a job, a daily digest, each as the user chose."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext as _

from factories import make_user
from techbridge.accounts.models import User
from techbridge.events.enums import NotificationKind as EventKind
from techbridge.market.enums import NotificationKind as MarketKind
from techbridge.notifications.domain.delivery import notify
from techbridge.notifications.domain.emails import send_daily_digests
from techbridge.notifications.domain.preferences import PreferenceError, check_save_preferences
from techbridge.notifications.enums import Delivery, EmailState
from techbridge.notifications.kinds import registered_kind
from techbridge.notifications.models import Notification
from techbridge.notifications.tasks import send_digests, send_notification_email

NOW = datetime(2027, 3, 1, 9, tzinfo=UTC)


def _notify(recipients: list[User], *, kind: str = MarketKind.EOI_STATUS, skip: User | None = None) -> int:
    return notify(
        recipients=recipients,
        kind=kind,
        subject=lambda: _("Expression of interest updated"),
        body=lambda: "Body",
        url="/market/interests/",
        now=NOW,
        skip=skip,
    )


def test_notify_tells_each_recipient_once_and_never_the_actor(db: None) -> None:
    first, second, actor = make_user(), make_user(), make_user()

    count = _notify([first, second, first, actor], skip=actor)

    assert count == 2
    assert sorted(Notification.objects.values_list("recipient_id", flat=True)) == sorted(
        [first.pk, second.pk]
    )


def test_notify_refuses_a_kind_no_app_registered(db: None) -> None:
    with pytest.raises(LookupError):
        _notify([make_user()], kind="no_such_kind")


def test_every_app_registers_its_own_kinds() -> None:
    assert registered_kind(MarketKind.LISTING_STATUS).label == MarketKind.LISTING_STATUS.label
    assert registered_kind(EventKind.MEETING_SCHEDULE).digestible is False
    assert set(MarketKind.values).isdisjoint(EventKind.values)


def test_email_goes_out_once_with_one_click_unsubscribe(
    db: None, django_capture_on_commit_callbacks: Any
) -> None:
    user = make_user()
    with django_capture_on_commit_callbacks(execute=True):
        _notify([user])
    notice = Notification.objects.get()

    again = send_notification_email.call(notification_id=notice.pk)

    (message,) = mail.outbox
    assert again == 0
    assert message.to == [user.email]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    stop_url = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert stop_url in message.body
    notice.refresh_from_db()
    assert notice.email_state == EmailState.SENT


@pytest.mark.parametrize(
    ("delivery", "notices", "state"),
    [(Delivery.IN_APP, 1, EmailState.NONE), (Delivery.DIGEST, 1, EmailState.DIGEST), (Delivery.OFF, 0, None)],
)
def test_preferences_decide_what_is_delivered(
    db: None, django_capture_on_commit_callbacks: Any, delivery: Delivery, notices: int, state: str | None
) -> None:
    user = make_user()
    check_save_preferences(user=user, choices={MarketKind.EOI_STATUS: delivery})

    with django_capture_on_commit_callbacks(execute=True):
        _notify([user])

    assert (Notification.objects.count(), mail.outbox) == (notices, [])
    assert list(Notification.objects.values_list("email_state", flat=True)) == ([state] if state else [])


def test_a_time_critical_kind_cannot_be_held_for_the_digest(db: None) -> None:
    with pytest.raises(PreferenceError):
        check_save_preferences(user=make_user(), choices={EventKind.MEETING_SCHEDULE: Delivery.DIGEST})


def test_daily_digest_gathers_held_notices_into_one_email_in_the_readers_language(db: None) -> None:
    hungarian = make_user(preferred_language="hu")
    check_save_preferences(
        user=hungarian,
        choices={MarketKind.EOI_STATUS: Delivery.DIGEST, MarketKind.LISTING_STATUS: Delivery.DIGEST},
    )
    _notify([hungarian])
    _notify([hungarian], kind=MarketKind.LISTING_STATUS)

    sent = send_digests.call(now_iso=(NOW + timedelta(days=1)).isoformat())
    again = send_daily_digests(now=NOW + timedelta(days=1))

    (message,) = mail.outbox
    with translation.override("hu"):
        heading = _("What happened on techbridge since your last digest:")
        subject = _("Your techbridge digest: %(count)d notifications") % {"count": 2}
    assert heading != "What happened on techbridge since your last digest:"
    assert (sent, again, message.subject) == (2, 0, subject)
    assert message.body.startswith(heading)
    assert "- Az érdeklődés jelzése módosult" in message.body  # the notice, written in Hungarian
    assert "List-Unsubscribe" in message.extra_headers
    assert set(Notification.objects.values_list("email_state", flat=True)) == {EmailState.SENT}


def test_nothing_held_means_no_digest(db: None) -> None:
    _notify([make_user()])

    assert (send_daily_digests(now=NOW + timedelta(days=1)), mail.outbox) == (0, [])
