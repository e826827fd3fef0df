"""The reader's language: chosen with the switcher or on the profile, stored, and used for every
notification and e-mail written to them."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from django.core import mail
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext as _

from factories import make_user
from techbridge.accounts.models import User
from techbridge.events.domain.registration import check_decide
from techbridge.events.enums import EventStatus, NotificationKind, ParticipantCategory, RegistrationStatus
from techbridge.events.models import Event, Registration
from techbridge.notifications.models import Notification
from world import World, client_for

NOW = datetime(2027, 3, 1, 9, tzinfo=UTC)
APPROVED_BODY = "You are registered. Your badge is on your registration page."


def _event(world: World) -> Event:
    event = Event.objects.create(
        slug="cq-hu-2027",
        title={
            "en": "Technology exchange",
            "zh-hans": "中匈技术交流会",
            "hu": "Kínai–magyar technológiai fórum",
        },
        status=EventStatus.PUBLISHED,
        time_zone="Asia/Shanghai",
        languages=["en", "zh-hans", "hu"],
        starts_on=date(2027, 5, 18),
        ends_on=date(2027, 5, 18),
        city="Chongqing",
        country="CN",
        registration_open=True,
        created_by=world.operator,
    )
    event.organising_centres.add(world.centre)
    return event


def _pending(event: Event, user: User) -> Registration:
    return Registration.objects.create(
        event=event,
        user=user,
        status=RegistrationStatus.PENDING,
        category=ParticipantCategory.ENTERPRISE,
        country="CN",
    )


def _in(language: str, text: str, **values: Any) -> str:
    with translation.override(language):
        translated = _(text)
    assert translated != text  # the catalogue really translates it, so the test can fail
    return translated % values if values else translated


def test_hungarian_and_chinese_participants_read_the_same_event_in_their_own_language(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    event = _event(world)
    hungarian = make_user(preferred_language="hu", email="reka@example.org")
    chinese = make_user(preferred_language="zh-hans", email="wei@example.org")
    registrations = [_pending(event, hungarian), _pending(event, chinese)]

    with django_capture_on_commit_callbacks(execute=True):
        for registration in registrations:
            check_decide(registration=registration, approve=True, actor=world.operator, now=NOW)

    notices = {
        n.recipient_id: n for n in Notification.objects.filter(kind=NotificationKind.EVENT_REGISTRATION)
    }
    mails = {message.to[0]: message for message in mail.outbox}
    subject = "Your registration for “%(event)s”: %(status)s"
    for user, language, title, status in (
        (hungarian, "hu", "Kínai–magyar technológiai fórum", "approved"),
        (chinese, "zh-hans", "中匈技术交流会", "approved"),
    ):
        with translation.override(language):
            label = str(RegistrationStatus(status).label)
        expected_subject = _in(language, subject, event=title, status=label)
        expected_body = _in(language, APPROVED_BODY)
        assert (notices[user.pk].subject, notices[user.pk].body) == (expected_subject, expected_body)
        message = mails[user.email]
        assert message.subject == expected_subject
        assert message.body.startswith(expected_body)
        assert _in(language, "Stop these e-mails: %(url)s", url="") in message.body


def test_language_switcher_stores_the_signed_in_users_preferred_language(world: World) -> None:
    client = client_for(world.outsider)

    response = client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})

    world.outsider.refresh_from_db()
    assert (response.status_code, world.outsider.preferred_language) == (302, "zh-hans")
    assert response.cookies["django_language"].value == "zh-hans"


def test_language_switcher_refuses_a_language_the_site_does_not_offer(world: World) -> None:
    client = client_for(world.outsider)

    client.post("/i18n/setlang/", {"language": "xx", "next": "/"})

    world.outsider.refresh_from_db()
    assert world.outsider.preferred_language == "en"


def test_anonymous_language_switch_only_sets_the_cookie(db: None) -> None:
    response = Client().post("/i18n/setlang/", {"language": "hu", "next": "/"})

    assert response.cookies["django_language"].value == "hu"


def test_profile_page_shows_and_changes_the_preferred_language(world: World) -> None:
    client = client_for(world.outsider)
    world.outsider.preferred_language = "hu"
    world.outsider.save()

    page = client.get("/accounts/profile/").content.decode()
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/accounts/profile/"})

    assert '<option value="hu" lang="hu" selected>' in page
    world.outsider.refresh_from_db()
    assert world.outsider.preferred_language == "zh-hans"


def test_a_new_user_keeps_the_language_they_registered_in(db: None) -> None:
    client = Client()
    client.post("/i18n/setlang/", {"language": "hu", "next": "/"})

    client.post(
        "/accounts/register/",
        {
            "display_name": "Kovács Réka",
            "email": "reka.kovacs@example.org",
            "password": "a-long-enough-passphrase-42",
            "password_again": "a-long-enough-passphrase-42",
        },
    )

    assert User.objects.get(email="reka.kovacs@example.org").preferred_language == "hu"
