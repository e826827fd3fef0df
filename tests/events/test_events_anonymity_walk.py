"""Issue 11 item 1: an anonymous listing never names its owner, presenter or organisation.

A member of the owning organisation brings the anonymous listing to a B2B event, the organiser
showcases it with them as presenter. Then every page and API answer that mentions a listing is
walked as people the anonymity hides the owner from, and none may name the owner organisation,
the presenter or link to the presenter's participant page."""

from __future__ import annotations

import io
import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from events_world import Events, register
from openpyxl import load_workbook
from programme_world import make_listing, pdf_text

from factories import make_member, make_organisation, make_user
from techbridge.accounts.models import User
from techbridge.events.models import ExhibitionArea, Registration, Showcase
from techbridge.market.models import Listing
from techbridge.matching.tasks import index_listings
from world import client_for

pytestmark = pytest.mark.django_db

SECRET = {"en": "Hidden Anode Holdings", "zh-hans": "隐秘阳极控股", "hu": "Rejtett Anód Kft"}
TITLE = {"en": "Cold-climate lithium electrolyte", "zh-hans": "寒冷气候锂电解液"}


class Scene:
    def __init__(self, events: Events) -> None:
        world = events.world
        self.events = events
        self.secret_org = make_organisation(centre=world.centre, name=SECRET)
        self.presenter = make_member(
            self.secret_org, make_user(display_name="Zsófia Presenterné", email="zsofia@hidden-anode.example")
        )
        self.anonymous: Listing = make_listing(
            self.secret_org, title=TITLE, summary={"en": "Works at -40 °C in buses."}, anonymous=True
        )
        buyer_org = make_organisation(centre=world.centre, name={"en": "Bus Fleet Budapest"})
        self.buyer = make_member(buyer_org)
        self.demand = make_listing(
            buyer_org,
            kind="demand",
            title={"en": "Wanted: lithium electrolyte for cold climates"},
            summary={"en": "Our buses need lithium cells that work at -40 °C."},
        )
        self.registration: Registration = register(events.event, self.presenter, organisation=self.secret_org)
        self.registration.listings.add(self.anonymous)
        register(events.event, self.buyer, organisation=buyer_org)
        area = ExhibitionArea.objects.create(event=events.event, name={"en": "New energy"})
        Showcase.objects.create(
            area=area, listing=self.anonymous, presenter=self.registration, presented_at=timezone.now()
        )
        index_listings.enqueue(batch_size=50)

    def forbidden(self) -> list[str]:
        slug = self.events.event.slug
        return [
            *SECRET.values(),
            self.presenter.display_name,
            self.presenter.email,
            f"/events/{slug}/b2b/requests/new/{self.registration.pk}/",
            f"/events/{slug}/b2b/participants/{self.registration.pk}/",
        ]


@pytest.fixture
def scene(events: Events) -> Scene:
    return Scene(events)


def _text(response: object) -> str:
    content_type = response["Content-Type"]  # type: ignore[index]
    body: bytes = response.content  # type: ignore[attr-defined]
    if "pdf" in content_type:
        return pdf_text(body)
    if "spreadsheet" in content_type:
        book = load_workbook(io.BytesIO(body), read_only=True)
        return "\n".join(
            str(cell)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for cell in row
        )
    text = body.decode()
    if "json" in content_type:
        text = json.dumps(json.loads(text), ensure_ascii=False)
    return text


def _listing_pages(scene: Scene) -> list[str]:
    pk, slug = scene.anonymous.pk, scene.events.event.slug
    return [
        f"/market/listings/{pk}/",
        "/market/?q=electrolyte",
        "/market/",
        "/market/feed/rss/",
        "/market/feed/atom/",
        f"/market/listings/{pk}/print.pdf",
        "/market/export.csv",
        "/market/export.xlsx",
        f"/events/{slug}/exhibition/",
        f"/events/{slug}/showcase/",
        f"/api/v1/listings/{pk}",
        "/api/v1/listings?q=electrolyte",
        "/api/v1/listings/sync?modified_since=2000-01-01T00:00:00Z",
    ]


def _walk(client: Client, paths: list[str], forbidden: list[str]) -> int:
    walked = 0
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        text = _text(response)
        for secret in forbidden:
            assert secret not in text, (path, secret)
        walked += 1
    return walked


@pytest.mark.parametrize("viewer", ["anonymous", "outsider", "buyer"])
def test_no_page_or_api_answer_names_the_owner_of_an_anonymous_listing(scene: Scene, viewer: str) -> None:
    user: User | None = {"anonymous": None, "outsider": scene.events.world.outsider, "buyer": scene.buyer}[
        viewer
    ]
    client = client_for(user)
    assert _walk(client, _listing_pages(scene), scene.forbidden()) == len(_listing_pages(scene))


def test_matching_sections_and_event_pages_of_a_participant_name_nobody(scene: Scene) -> None:
    slug = scene.events.event.slug
    client = client_for(scene.buyer)
    best = f"/matching/listings/{scene.demand.pk}/best/"
    assert f"/market/listings/{scene.anonymous.pk}/" in client.get(best).content.decode()  # it is suggested
    _walk(client, [best, "/matching/for-you/", f"/events/{slug}/b2b/requests/"], scene.forbidden())
    # The catalogue and the presenter's own page name the participant, but never with the listing.
    listing_marks = [f"/market/listings/{scene.anonymous.pk}/", TITLE["en"]]
    _walk(
        client,
        [f"/events/{slug}/b2b/participants/", f"/events/{slug}/b2b/participants/{scene.registration.pk}/"],
        listing_marks,
    )


def test_showcased_anonymous_listing_is_contacted_through_the_broker(scene: Scene) -> None:
    slug = scene.events.event.slug
    for page in (f"/events/{slug}/exhibition/", f"/events/{slug}/showcase/"):
        html = client_for(scene.buyer).get(page).content.decode()
        assert reverse("market:interest_create", args=[scene.anonymous.pk]) in html
        assert "/b2b/requests/new/" not in html
    # Its own organisation still sees who presents it.
    colleague = make_member(scene.secret_org)
    html = client_for(colleague).get(f"/events/{slug}/exhibition/").content.decode()
    assert f"/events/{slug}/b2b/requests/new/{scene.registration.pk}/" in html
