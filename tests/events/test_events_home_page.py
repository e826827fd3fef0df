"""The home page searches the market's listings and shows the next conference the reader may see."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from events_world import Events

from techbridge.events.models import Event

pytestmark = pytest.mark.django_db


def test_home_page_searches_listings_and_names_the_next_conference_in_the_readers_language(
    events: Events,
) -> None:
    page = Client(headers={"accept-language": "zh-hans"}).get("/").content.decode()

    assert 'action="/market/"' in page
    assert "中匈技术交流会" in page
    assert f'href="/events/{events.event.slug}/"' in page


def test_past_conferences_are_not_announced(events: Events) -> None:
    last_week = timezone.now().date() - timedelta(days=7)
    Event.objects.filter(pk=events.event.pk).update(starts_on=last_week, ends_on=last_week)

    page = Client().get("/").content.decode()

    assert f'href="/events/{events.event.slug}/"' not in page
