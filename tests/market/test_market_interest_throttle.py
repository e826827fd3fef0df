"""Issue 11 item 3: expressions of interest are throttled per sender, on the page and in the API."""

from __future__ import annotations

import json

from django.test import override_settings
from market_world import Market

from techbridge.market.models import ExpressionOfInterest
from world import client_for


@override_settings(TECHBRIDGE_THROTTLE_RATES={"interest.user": "2/h"})
def test_a_sender_flooding_owners_with_interests_is_stopped(market: Market) -> None:
    client = client_for(market.partner)
    first, second, third = (market.listings[name] for name in ("public", "anonymous", "confidential"))
    for listing in (first, second):
        client.post(f"/market/listings/{listing.pk}/interest/", {"message": "We would like to talk."})
    page = client.post(f"/market/listings/{third.pk}/interest/", {"message": "And this one."})
    api = client.post(
        f"/api/v1/listings/{third.pk}/interests",
        json.dumps({"message": "And this one."}),
        content_type="application/json",
    )
    assert ExpressionOfInterest.objects.filter(sender=market.partner).count() == 2
    assert "Too many attempts" in page.content.decode()
    assert api.status_code == 422
    assert "Too many attempts" in api.json()["detail"]
