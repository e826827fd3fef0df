"""The viewer's time zone: chosen at registration (the browser's) or on the profile, used on every
page (named beside each time) and in notifications."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.test import Client
from django.utils import formats, timezone

from factories import make_user
from techbridge.accounts.models import User
from techbridge.market.enums import NotificationKind
from techbridge.notifications.domain.delivery import notify
from techbridge.notifications.models import Notification

pytestmark = pytest.mark.django_db

REGISTRATION = {
    "display_name": "Kovács Réka",
    "email": "reka@example.org",
    "password": "a-long-and-unusual-passphrase",
    "password_again": "a-long-and-unusual-passphrase",
}
# 00:30 UTC is 08:30 in Shanghai and still the evening before in New York.
MOMENT = datetime(2027, 6, 1, 0, 30, tzinfo=UTC)


def test_a_new_account_takes_the_browsers_zone() -> None:
    Client().post("/accounts/register/", {**REGISTRATION, "browser_zone": "America/New_York"})

    assert User.objects.get(email="reka@example.org").time_zone == "America/New_York"


@pytest.mark.parametrize(
    ("browser_zone", "language", "expected"),
    [
        ("", "hu", "Europe/Budapest"),
        ("Mars/Olympus_Mons", "zh-hans", "Asia/Shanghai"),
        ("Etc/GMT+3", "en", "UTC"),
    ],
)
def test_without_a_usable_browser_zone_a_new_account_takes_its_languages(
    browser_zone: str, language: str, expected: str
) -> None:
    response = Client().post(
        "/accounts/register/",
        {**REGISTRATION, "browser_zone": browser_zone},
        headers={"Accept-Language": language},
    )

    assert response.status_code == 200
    assert User.objects.get(email="reka@example.org").time_zone == expected


def test_a_user_sets_their_zone_and_an_unknown_one_is_refused_without_loss() -> None:
    user = make_user(time_zone="Europe/Budapest")
    client = Client()
    client.force_login(user)

    saved = client.post("/accounts/time-zone/", {"time_zone": "Asia/Shanghai", "next": "/accounts/profile/"})
    user.refresh_from_db()
    after_good = user.time_zone
    refused = client.post("/accounts/time-zone/", {"time_zone": "Asia/Atlantis"}, follow=True)
    user.refresh_from_db()

    assert (saved.status_code, saved["Location"]) == (302, "/accounts/profile/")
    assert after_good == "Asia/Shanghai"
    assert refused.status_code == 200
    assert "Choose a time zone from the list." in refused.content.decode()
    assert user.time_zone == "Asia/Shanghai"


def test_an_outside_next_address_is_not_followed() -> None:
    client = Client()
    client.force_login(make_user())

    response = client.post("/accounts/time-zone/", {"time_zone": "UTC", "next": "https://evil.example/"})

    assert response["Location"] == "/accounts/profile/"


@pytest.mark.parametrize("zone", ["Asia/Shanghai", "America/New_York"])
def test_pages_show_times_on_the_viewers_clock_and_name_the_zone(zone: str) -> None:
    user = make_user(time_zone=zone)
    Notification.objects.create(
        recipient=user, kind=NotificationKind.EOI_STATUS, subject="Hello", url="", created_at=MOMENT
    )
    client = Client()
    client.force_login(user)

    page = client.get("/notifications/", headers={"Accept-Language": "en"}).content.decode()
    with timezone.override(zone):
        expected = formats.date_format(timezone.localtime(MOMENT), "SHORT_DATETIME_FORMAT")
    with timezone.override(UTC):
        utc_text = formats.date_format(MOMENT, "SHORT_DATETIME_FORMAT")

    assert f"{expected} ({zone})" in page
    assert utc_text not in page


def test_a_user_without_a_zone_sees_the_sites_zone_named() -> None:
    user = make_user()
    Notification.objects.create(
        recipient=user, kind=NotificationKind.EOI_STATUS, subject="Hello", url="", created_at=MOMENT
    )
    client = Client()
    client.force_login(user)

    page = client.get("/notifications/").content.decode()

    assert "(UTC)" in page


def test_notifications_are_written_on_the_readers_clock() -> None:
    in_shanghai, in_budapest = make_user(time_zone="Asia/Shanghai"), make_user(time_zone="Europe/Budapest")

    notify(
        recipients=[in_shanghai, in_budapest],
        kind=NotificationKind.EOI_STATUS,
        subject=lambda: "Meeting",
        body=lambda: timezone.localtime(MOMENT).strftime("%H:%M"),
        url="",
        now=MOMENT,
    )

    bodies = {n.recipient_id: n.body for n in Notification.objects.all()}
    assert bodies == {in_shanghai.pk: "08:30", in_budapest.pk: "02:30"}
