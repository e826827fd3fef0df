"""The notifications pages: the list with the header's unread count, settings, one-click unsubscribe."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from factories import make_user
from techbridge.events.enums import NotificationKind as EventKind
from techbridge.market.enums import NotificationKind as MarketKind
from techbridge.notifications.domain.delivery import notify
from techbridge.notifications.domain.preferences import unsubscribe_url, user_preferences
from techbridge.notifications.enums import Delivery
from techbridge.notifications.models import Notification
from world import client_for

NOW = datetime(2027, 3, 1, 9, tzinfo=UTC)


def _notify(user: Any, subject: str = "Listing approved", kind: str = MarketKind.LISTING_STATUS) -> None:
    notify(recipients=[user], kind=kind, subject=lambda: subject, body=lambda: "", url="/market/", now=NOW)


def test_list_shows_only_my_notifications_and_the_header_counts_the_unread(db: None) -> None:
    me, other = make_user(), make_user()
    _notify(me, "Mine one")
    _notify(me, "Mine two")
    _notify(other, "Not mine")
    client = client_for(me)

    page = client.get("/notifications/").content.decode()
    client.post("/notifications/read/")
    after = client.get("/notifications/").content.decode()

    assert ("Mine one" in page, "Mine two" in page, "Not mine" in page) == (True, True, False)
    assert '<span class="badge">2<span class="visually-hidden"> unread</span></span>' in page
    assert 'class="badge"' not in after


def test_list_needs_sign_in_and_old_address_redirects(db: None) -> None:
    assert Client().get("/notifications/").status_code == 302
    assert client_for(make_user()).get("/market/notifications/").url == "/notifications/"


def _queries_for_list_of(count: int) -> int:
    user = make_user()
    for number in range(count):
        _notify(user, f"Notice {number}")
    client = client_for(user)
    client.get("/notifications/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/notifications/")
    return len(queries)


def test_list_costs_the_same_queries_for_one_and_five(db: None) -> None:
    assert _queries_for_list_of(1) == _queries_for_list_of(5)


def test_settings_page_saves_a_choice_per_kind(db: None) -> None:
    user = make_user()
    client = client_for(user)
    choices = dict.fromkeys(user_preferences(user), Delivery.EMAIL)
    choices[MarketKind.EOI_STATUS] = Delivery.DIGEST

    page = client.get("/notifications/settings/").content.decode()
    response = client.post("/notifications/settings/", choices)

    assert response.status_code == 302
    assert user_preferences(user)[MarketKind.EOI_STATUS] == Delivery.DIGEST
    assert f'name="{EventKind.MEETING_SCHEDULE}" value="digest"' not in page
    assert f'name="{MarketKind.EOI_STATUS}" value="digest"' in page


def test_settings_page_refuses_a_digest_for_a_time_critical_kind(db: None) -> None:
    user = make_user()
    choices = dict.fromkeys(user_preferences(user), Delivery.EMAIL)
    choices[EventKind.MEETING_SCHEDULE] = Delivery.DIGEST

    response = client_for(user).post("/notifications/settings/", choices)

    assert response.status_code == 400
    assert EventKind.MEETING_SCHEDULE in response.context["form"].errors
    assert user_preferences(user)[EventKind.MEETING_SCHEDULE] == Delivery.EMAIL


def test_unsubscribe_asks_on_get_and_stops_the_kind_on_a_one_click_post(db: None) -> None:
    user = make_user()
    path = unsubscribe_url(user=user, kinds=[MarketKind.LISTING_STATUS]).split("testserver", 1)[-1]
    path = path[path.index("/notifications/") :]
    client = Client(enforce_csrf_checks=True)

    asked = client.get(path)
    unchanged = user_preferences(user)[MarketKind.LISTING_STATUS]
    stopped = client.post(path, {"List-Unsubscribe": "One-Click"})
    _notify(user)

    assert (asked.status_code, unchanged, stopped.status_code) == (200, Delivery.EMAIL, 200)
    assert user_preferences(user)[MarketKind.LISTING_STATUS] == Delivery.IN_APP
    assert user_preferences(user)[MarketKind.EOI_STATUS] == Delivery.EMAIL
    assert (Notification.objects.filter(recipient=user).count(), mail.outbox) == (1, [])


@pytest.mark.parametrize("token", ["forged", "WzEsWyJ4Il1d:1vQ:abc"])
def test_unsubscribe_with_a_bad_token_is_not_found(db: None, token: str) -> None:
    assert Client().post(f"/notifications/stop/{token}/").status_code == 404
