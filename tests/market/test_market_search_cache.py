"""Cached counts and page fragments (decision 0011): per visibility scope, and gone with the next change."""

from __future__ import annotations

import pytest
from django.test import Client
from market_world import MARKET_ROLES, Market

from techbridge.directory.models import TechnologyField
from techbridge.market.models import FacetSnapshot, Listing
from world import client_for

SEARCH = "/market/?q=electrolyte"
VISIBLE_COUNT = {
    "anonymous": 2, "outsider": 2, "outside_member": 2, "alliance_member": 3, "partner": 3,
    "owner": 5, "operator": 5, "alliance_operator": 3, "outside_operator": 2, "admin": 5,
}  # fmt: skip


def _seen(client: Client, url: str = SEARCH) -> tuple[int, dict[str, int], str]:
    response = client.get(url)
    kinds = {value: total for value, _label, total in response.context["facets"]["kind"]}
    results = response.content.decode().split('<form class="filters"')[1]  # the per-request head differs
    return response.context["page"].paginator.count, kinds, results


def _link(listing: Listing) -> str:
    return f'href="/market/listings/{listing.pk}/"'


def test_each_role_keeps_its_own_counts_and_results_when_served_from_the_cache(market: Market) -> None:
    clients = {role: client_for(market.user(role)) for role in MARKET_ROLES}
    cold = {role: _seen(client) for role, client in clients.items()}
    warm = {role: _seen(client) for role, client in clients.items()}

    assert warm == cold
    assert {role: count for role, (count, _kinds, _html) in warm.items()} == VISIBLE_COUNT
    assert {role: kinds for role, (_count, kinds, _html) in warm.items()} == {
        role: {"offer": count} for role, count in VISIBLE_COUNT.items()
    }
    confidential = _link(market.listings["confidential"])
    assert {role for role, (_c, _k, html) in warm.items() if confidential in html} == {
        "partner", "owner", "operator", "admin",
    }  # fmt: skip
    assert FacetSnapshot.objects.count() == len(MARKET_ROLES)  # one visibility scope per role here


def test_a_saved_listing_changes_counts_and_results_at_once(market: Market) -> None:
    anonymous = Client()
    hidden = market.listings["centre"]
    assert _seen(anonymous)[0] == 2

    hidden.visibility = "public"
    hidden.save()
    count, _kinds, html = _seen(anonymous)
    assert count == 3
    assert _link(hidden) in html

    hidden.visibility = "centre"
    hidden.save()
    count, _kinds, html = _seen(anonymous)
    assert count == 2
    assert _link(hidden) not in html


def test_sharing_owner_names_and_new_choices_reach_the_cached_page(market: Market) -> None:
    outside = client_for(market.outside_member)
    confidential = market.listings["confidential"]
    assert _link(confidential) not in _seen(outside)[2]

    confidential.shared_with.add(market.outside_org)
    market.owner_org.name = {"en": "Renamed Battery Works"}
    market.owner_org.save()
    field = TechnologyField.objects.create(code="9.9", name={"en": "Quantum sensing"})
    count, _kinds, html = _seen(outside)

    assert count == 3
    assert _link(confidential) in html
    assert "Renamed Battery Works" in html
    assert f'<option value="{field.pk}">' in html


@pytest.mark.parametrize("url", ["/market/?q=electrolyte&page=2", "/market/?kind=demand&sort=trl"])
def test_sort_and_page_share_counts_but_not_pages(market: Market, url: str) -> None:
    anonymous = Client()
    _seen(anonymous)
    count, _kinds, _html = _seen(anonymous, url)
    assert count == (2 if "electrolyte" in url else 0)
