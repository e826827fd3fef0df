from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from market_world import Market, build_listing

from techbridge.market.domain.alerts import do_save_search
from techbridge.market.domain.search import ListingFilters
from techbridge.market.models import AlertDelivery, SavedSearch
from techbridge.market.tasks import send_saved_search_alerts
from world import client_for

pytestmark = pytest.mark.django_db


def run_alerts(frequency: str = "daily", *, at: timezone.datetime | None = None) -> int:
    now = at or timezone.now()
    return int(send_saved_search_alerts.call(frequency=frequency, now_iso=now.isoformat()))


def test_alert_mails_only_visible_listings_once(market: Market) -> None:
    search = do_save_search(user=market.outsider, name="all", filters=ListingFilters(), frequency="daily")
    assert run_alerts() == 2  # public and anonymous public
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert f"/market/listings/{market.listings['public'].pk}/" in body
    assert f"/market/listings/{market.listings['alliance'].pk}/" not in body
    assert f"/market/listings/{market.listings['centre'].pk}/" not in body
    assert f"/market/listings/{market.listings['confidential'].pk}/" not in body
    assert "Secret Sensor Labs" not in body
    assert run_alerts(at=timezone.now() + timedelta(days=2)) == 0  # nothing new: nothing mailed again
    assert len(mail.outbox) == 1
    assert AlertDelivery.objects.filter(saved_search=search).count() == 2


def test_alert_runs_as_the_saving_user(market: Market) -> None:
    do_save_search(user=market.partner, name="all", filters=ListingFilters(), frequency="weekly")
    assert run_alerts("weekly") == 3  # public, anonymous and the confidential one shared with the partner
    assert f"/market/listings/{market.listings['confidential'].pk}/" in mail.outbox[0].body


def test_new_listing_is_mailed_on_next_due_run_only(market: Market) -> None:
    do_save_search(
        user=market.outsider, name="demand", filters=ListingFilters(kinds=("demand",)), frequency="daily"
    )
    assert run_alerts() == 0
    new = build_listing(market.owner_org, actor=market.owner, kind="demand", title={"en": "Need sensors"})
    assert run_alerts() == 0  # not due yet (ran less than a day ago)
    assert run_alerts(at=timezone.now() + timedelta(days=1, hours=1)) == 1
    assert f"/market/listings/{new.pk}/" in mail.outbox[-1].body


def test_save_list_change_and_delete_saved_search(market: Market) -> None:
    client = client_for(market.outsider)
    assert client.get("/market/searches/save/?q=electrolyte&kind=offer").status_code == 200
    response = client.post(
        "/market/searches/save/",
        {"q": "electrolyte", "kind": "offer", "name": "Batteries", "frequency": "daily"},
    )
    assert response.status_code == 302
    search = SavedSearch.objects.get(user=market.outsider)
    assert search.filters["q"] == "electrolyte"
    assert search.filters["kinds"] == ["offer"]
    assert "Batteries" in client.get("/market/searches/").content.decode()
    client.post(f"/market/searches/{search.pk}/frequency/", {f"{search.pk}-frequency": "weekly"})
    search.refresh_from_db()
    assert search.frequency == "weekly"
    other = client_for(market.partner)
    assert other.post(f"/market/searches/{search.pk}/delete/").status_code == 404
    client.post(f"/market/searches/{search.pk}/delete/")
    assert not SavedSearch.objects.filter(pk=search.pk).exists()


def test_widget_shows_only_public_listings_without_anonymous_owners(market: Market) -> None:
    search = do_save_search(user=market.admin, name="all", filters=ListingFilters(), frequency="weekly")
    response = client_for(None).get(f"/market/widget/{search.widget_token}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"/market/listings/{market.listings['public'].pk}/" in html
    assert f"/market/listings/{market.listings['anonymous'].pk}/" in html
    for hidden in ("alliance", "centre", "confidential", "draft"):
        assert f"/market/listings/{market.listings[hidden].pk}/" not in html
    assert "Secret Sensor Labs" not in html
    assert "X-Frame-Options" not in response
    assert "frame-ancestors *" in response["Content-Security-Policy"]


def test_widget_with_unknown_token_is_404(market: Market) -> None:
    assert client_for(None).get("/market/widget/not-a-real-token-at-all-xxxx/").status_code == 404


def test_other_pages_still_refuse_framing(market: Market) -> None:
    response = client_for(None).get("/market/")
    assert response["X-Frame-Options"] == "DENY"


def test_an_alert_mail_carries_a_working_unsubscribe_link(market: Market) -> None:
    search = do_save_search(user=market.outsider, name="all", filters=ListingFilters(), frequency="daily")
    assert run_alerts() == 2
    message = mail.outbox[0]
    header = message.extra_headers["List-Unsubscribe"]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    path = header.strip("<>").split("testserver", 1)[-1].split("://", 1)[-1]
    path = path[path.index("/market/alerts/stop/") :]
    assert path in message.body

    anonymous = Client(enforce_csrf_checks=True)
    assert anonymous.get(path).status_code == 200  # a link checker's GET changes nothing
    search.refresh_from_db()
    assert search.frequency == "daily"
    assert anonymous.post(path).status_code == 200  # one-click: no session, no CSRF token
    search.refresh_from_db()
    assert search.frequency == "never"
    build_listing(market.owner_org, actor=market.owner, kind="demand", title={"en": "Need sensors"})
    assert run_alerts(at=timezone.now() + timedelta(days=2)) == 0


def test_a_forged_unsubscribe_token_is_not_found(market: Market) -> None:
    search = do_save_search(user=market.outsider, name="all", filters=ListingFilters(), frequency="daily")
    forged = f"{search.pk}:forged"
    assert Client().post(f"/market/alerts/stop/{forged}/").status_code == 404
    search.refresh_from_db()
    assert search.frequency == "daily"
