"""Events and instruments travel only when shared with the alliance: the organiser or facility
manager ticks "shared with the alliance" in their form; switching it off publishes a Tombstone at
the next pull. New ones are not shared; the migration kept existing published events and public
facilities' instruments shared (test_federation_shared_flag_migration checks the data migration)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from federation_partner import SigningPartner

from factories import make_centre, make_operator, make_organisation, make_user
from techbridge.events.models import Event
from techbridge.federation.domain.publishing import refresh_publications
from techbridge.instruments.models import Facility, FacilityManager, Instrument, InstrumentCategory
from world import client_for

pytestmark = pytest.mark.django_db
OUTBOX = "http://testserver/federation/outbox/"


class Feed:
    """A partner reading our outbox from the start as it would: signed, page after page."""

    def __init__(self, client: Client) -> None:
        self.client = client
        self.partner = SigningPartner()
        self.cursor = ""

    def changes(self) -> dict[str, str]:
        """`<recordType>:<name or Tombstone>` of the changes since the last read, by record id."""
        url = OUTBOX + (f"?cursor={self.cursor}" if self.cursor else "")
        page = self.client.get(
            url.removeprefix("http://testserver"), **self.partner.headers("GET", url)
        ).json()
        self.cursor = page["tb:nextCursor"]
        return {
            item["id"]: "Tombstone" if item["type"] == "Tombstone" else item["nameMap"]["en"]
            for item in page["orderedItems"]
        }


def _event_form(centre_pk: int, **changes: Any) -> dict[str, Any]:
    form = {
        "slug": "budapest-2027", "title_en": "Budapest brokerage day", "status": "published",
        "organising_centres": [centre_pk], "time_zone": "Europe/Budapest", "languages": ["en", "hu"],
        "starts_on": "2027-09-01", "ends_on": "2027-09-02", "registration_requires_approval": "on",
        "meeting_minutes": 30, "request_quota": 20, "request_expiry_days": 7,
    }  # fmt: skip
    return {key: value for key, value in (form | changes).items() if value is not None}


def test_federation_an_event_travels_only_while_its_organiser_shares_it(client: Client) -> None:
    feed = Feed(client)
    centre = make_centre()
    organiser = client_for(make_operator(centre))

    assert organiser.post("/events/new/", _event_form(centre.pk)).status_code == 302
    assert Event.objects.get().shared_with_alliance is False  # new events are not shared
    assert feed.changes() == {}

    edited = organiser.post("/events/budapest-2027/edit/", _event_form(centre.pk, shared_with_alliance="on"))
    assert edited.status_code == 302
    shared = feed.changes()
    assert list(shared.values()) == ["Budapest brokerage day"]

    assert organiser.post("/events/budapest-2027/edit/", _event_form(centre.pk)).status_code == 302
    assert feed.changes() == {next(iter(shared)): "Tombstone"}  # the same id, withdrawn

    Event.objects.update(shared_with_alliance=True, status="draft", updated_at=timezone.now())
    assert feed.changes() == {}  # shared but unpublished: still not travelling


def _instrument_form(instrument: Instrument, **changes: Any) -> dict[str, Any]:
    form = {
        "name_en": "Field-emission SEM", "status": "available",
        "granularity_minutes": instrument.granularity_minutes, "min_duration_minutes": 60,
        "max_duration_minutes": 240, "lead_time_minutes": 0, "horizon_days": 60, "opens_at": "08:00",
        "closes_at": "20:00", "free_cancellation_hours": 24, "self_service_allowed": "on",
        "operated_available": "on",
    }  # fmt: skip
    return form | changes


def _lab(*, public: bool = True) -> tuple[Instrument, Client]:
    facility = Facility.objects.create(
        organisation=make_organisation(), name={"en": "Imaging core"}, is_public=public
    )
    manager = make_user()
    FacilityManager.objects.create(facility=facility, user=manager)
    category = InstrumentCategory.objects.first() or InstrumentCategory.objects.create(
        code="0301", name={"en": "Microscopes"}
    )
    instrument = Instrument.objects.create(facility=facility, category=category, name={"en": "SEM"})
    return instrument, client_for(manager)


def test_federation_an_instrument_travels_only_while_its_manager_shares_it(client: Client) -> None:
    feed = Feed(client)
    instrument, manager = _lab()
    hidden, hidden_manager = _lab(public=False)
    edit = f"/instruments/{instrument.pk}/edit/"
    assert instrument.shared_with_alliance is False  # new instruments are not shared
    assert feed.changes() == {}

    assert manager.post(edit, _instrument_form(instrument, shared_with_alliance="on")).status_code == 302
    shared = feed.changes()  # at once: the save marked the publications stale
    assert list(shared.values()) == ["Field-emission SEM"]
    hidden_edit = f"/instruments/{hidden.pk}/edit/"
    assert (
        hidden_manager.post(hidden_edit, _instrument_form(hidden, shared_with_alliance="on")).status_code
        == 302
    )
    assert feed.changes() == {}  # a private facility's instrument never travels

    assert manager.post(edit, _instrument_form(instrument)).status_code == 302
    assert feed.changes() == {next(iter(shared)): "Tombstone"}
    assert refresh_publications(now=timezone.now(), force=True) == 0  # nothing more to publish


@pytest.mark.parametrize(
    ("language", "label"), [("hu", "Megosztva a szövetséggel"), ("zh-hans", "与联盟共享")]
)
def test_federation_shared_flag_is_in_the_forms_in_the_editors_language(language: str, label: str) -> None:
    centre = make_centre()
    organiser = client_for(make_operator(centre))
    organiser.post("/events/new/", _event_form(centre.pk))
    instrument, manager = _lab()
    pages = []
    for client, url in (
        (organiser, "/events/budapest-2027/edit/"),
        (manager, f"/instruments/{instrument.pk}/edit/"),
    ):
        client.post("/i18n/setlang/", {"language": language})
        pages.append(client.get(url).content.decode())

    assert all('name="shared_with_alliance"' in page for page in pages)
    assert all(label in page for page in pages), [label in page for page in pages]
