"""Exhibitions: showcased achievements respect the market's visibility, carry a QR code and a
meeting-request link to the presenter; the live showcase and its stream."""

from __future__ import annotations

import pytest
from django.urls import reverse
from events_world import Events, register
from programme_world import NOW, make_listing

from techbridge.events.domain.exhibitions import presenters_by_listing
from techbridge.events.models import ExhibitionArea, Showcase
from techbridge.events.views.exhibitions import request_meeting_url
from techbridge.market.enums import Visibility
from world import client_for

pytestmark = pytest.mark.django_db
STREAM = "https://live.example.org/showcase"


def _exhibition(events: Events) -> tuple[ExhibitionArea, Showcase, Showcase]:
    world = events.world
    area = ExhibitionArea.objects.create(
        event=events.event, name={"en": "New energy", "zh-hans": "新能源"}, online_stream_url=STREAM
    )
    public = make_listing(world.published, title={"en": "Solid-state battery", "zh-hans": "固态电池"})
    hidden = make_listing(
        world.published, title={"en": "Confidential catalyst"}, visibility=Visibility.CONFIDENTIAL
    )
    return (
        area,
        Showcase.objects.create(area=area, listing=public),
        Showcase.objects.create(area=area, listing=hidden),
    )


def test_only_listings_visible_to_the_viewer_are_showcased(events: Events) -> None:
    _area, public, _hidden = _exhibition(events)
    page = client_for(events.world.outsider).get("/events/cq-hu-2027/exhibition/").content.decode()
    assert "Solid-state battery" in page
    assert "Confidential catalyst" not in page
    assert reverse("market:listing_qr", args=[public.listing_id]) in page
    assert reverse("market:listing", args=[public.listing_id]) in page


def test_the_meeting_request_link_names_the_presenter_and_listing(events: Events) -> None:
    _area, public, _hidden = _exhibition(events)
    assert request_meeting_url(events.event, public) == ""  # nobody presents it
    brought = register(events.event, events.world.expert)
    brought.listings.add(public.listing)
    assert presenters_by_listing(events.event, [public.listing_id]) == {public.listing_id: brought.pk}
    assert request_meeting_url(events.event, public).startswith(
        f"/events/cq-hu-2027/b2b/requests/new/{brought.pk}/"
    )
    presenter = register(events.event, events.world.org_member)
    public.presenter = presenter
    public.save()
    url = request_meeting_url(events.event, public)
    assert url == f"/events/cq-hu-2027/b2b/requests/new/{presenter.pk}/?listing={public.listing_id}"


def test_the_live_showcase_lists_presented_achievements_and_streams_only_to_participants(
    events: Events,
) -> None:
    world = events.world
    _area, public, _hidden = _exhibition(events)
    operator = client_for(world.operator)
    assert (
        operator.post(f"/events/cq-hu-2027/showcase/{public.pk}/presented/", {"presented": "1"}).status_code
        == 302
    )
    public.refresh_from_db()
    assert public.presented_at is not None
    outsider_page = client_for(world.outsider).get("/events/cq-hu-2027/showcase/")
    assert "Solid-state battery" in outsider_page.content.decode()
    assert STREAM not in outsider_page.content.decode()
    register(events.event, world.expert)
    participant_page = client_for(world.expert).get("/events/cq-hu-2027/showcase/")
    assert STREAM in participant_page.content.decode()
    assert "frame-src https:" in participant_page["Content-Security-Policy"]
    operator.post(f"/events/cq-hu-2027/showcase/{public.pk}/presented/", {"presented": "0"})
    public.refresh_from_db()
    assert public.presented_at is None


def test_organisers_showcase_an_offer_once_per_area(events: Events) -> None:
    world = events.world
    area, public, _hidden = _exhibition(events)
    listing = make_listing(world.published, title={"en": "Hydrogen valve"})
    client = client_for(world.operator)
    url = f"/events/cq-hu-2027/exhibition/areas/{area.pk}/showcases/new/"
    assert client.post(url, {"listing": listing.pk, "order": 0}).status_code == 302
    assert Showcase.objects.filter(area=area, listing=listing).exists()
    again = client.post(url, {"listing": public.listing_id, "order": 0})
    assert again.status_code == 400
    assert "already shown in this area" in again.content.decode()
    assert client_for(world.other_operator).post(url, {"listing": listing.pk, "order": 0}).status_code == 404
    assert (
        client_for(world.other_operator)
        .post(f"/events/cq-hu-2027/showcase/{public.pk}/presented/")
        .status_code
        == 404
    )
    public.refresh_from_db()
    assert public.presented_at is None
    assert NOW  # the listings were published at NOW
