"""A case starts from an exhibition's showcased achievement: by the responsible centre's broker, or by
a member of an interested organisation; it links back to the showcase, the event and the listing."""

from __future__ import annotations

from datetime import date

import pytest
from coop_world import Coop, build_coop, build_listing

from factories import make_member, make_organisation
from techbridge.cooperation.enums import CasePartyRole, CaseSource
from techbridge.cooperation.models import CooperationCase
from techbridge.events.enums import EventStatus
from techbridge.events.models import Event, ExhibitionArea, Showcase
from techbridge.market.models import Listing
from world import client_for


def _showcase(coop: Coop, listing: Listing | None = None) -> Showcase:
    event = Event.objects.create(
        slug="cq-hu-expo",
        title={"en": "Chongqing–Hungary technology expo", "zh-hans": "渝匈技术博览会"},
        status=EventStatus.PUBLISHED,
        time_zone="Asia/Shanghai",
        languages=["en", "zh-hans", "hu"],
        starts_on=date(2027, 5, 18),
        ends_on=date(2027, 5, 19),
        city="Chongqing",
        country="CN",
        created_by=coop.broker,
    )
    event.organising_centres.add(coop.centre)
    area = ExhibitionArea.objects.create(event=event, name={"en": "New energy"})
    return Showcase.objects.create(area=area, listing=listing or coop.listing)


def _start(user: object, showcase: Showcase, **data: str) -> object:
    return client_for(user).post(f"/cooperation/start/showcase/{showcase.pk}/", data)  # type: ignore[arg-type]


@pytest.mark.django_db
def test_a_visitor_starts_a_case_from_a_showcase_and_it_links_back(coop: Coop) -> None:
    showcase = _showcase(coop)
    visitor_org = make_organisation(country="HU")
    visitor = make_member(visitor_org)
    exhibition = client_for(visitor).get(f"/events/{showcase.area.event.slug}/exhibition/").content.decode()
    assert f"/cooperation/start/showcase/{showcase.pk}/" in exhibition
    response = _start(visitor, showcase)
    case = CooperationCase.objects.get(showcase=showcase)
    assert response.status_code == 302
    assert response["Location"] == f"/cooperation/cases/{case.pk}/"
    assert case.source == CaseSource.SHOWCASE
    assert case.event == showcase.area.event
    assert case.centre == coop.centre
    assert case.broker is None
    assert list(case.listings.all()) == [coop.listing]
    roles = dict(case.parties.values_list("organisation_id", "role"))
    assert roles == {coop.owner_org.pk: CasePartyRole.LISTING_OWNER, visitor_org.pk: CasePartyRole.INTERESTED}
    assert case.parties.get(organisation=visitor_org).contact == visitor
    page = client_for(visitor).get(f"/cooperation/cases/{case.pk}/").content.decode()
    assert "Showcased at the exhibition of Chongqing–Hungary technology expo" in page
    assert f"/events/cq-hu-expo/exhibition/#showcase-{showcase.pk}" in page
    assert client_for(coop.broker).get(f"/cooperation/cases/{case.pk}/").status_code == 200
    # twice: refused with a message, back on the exhibition
    again = _start(visitor, showcase)
    assert again["Location"] == f"/events/cq-hu-expo/exhibition/#showcase-{showcase.pk}"
    assert CooperationCase.objects.filter(showcase=showcase).count() == 1


@pytest.mark.django_db
def test_the_broker_starts_a_case_with_the_owner_and_follows_it(coop: Coop) -> None:
    showcase = _showcase(coop)
    _start(coop.broker, showcase)
    case = CooperationCase.objects.get(showcase=showcase)
    assert case.broker == coop.broker
    assert list(case.parties.values_list("organisation_id", flat=True)) == [coop.owner_org.pk]


@pytest.mark.django_db
def test_who_may_not_start_a_case_from_a_showcase(coop: Coop) -> None:
    showcase = _showcase(coop)
    # the owner's own achievement
    response = client_for(coop.owner).post(
        f"/cooperation/start/showcase/{showcase.pk}/", HTTP_ACCEPT_LANGUAGE="hu", follow=True
    )
    assert "Ez a saját szervezete eredménye." in response.content.decode()
    # a user without an organisation
    response = client_for(coop.outsider).post(f"/cooperation/start/showcase/{showcase.pk}/", follow=True)
    assert "Only a member of an organisation can start a cooperation case." in response.content.decode()
    # a showcase of an event nobody may see is a 404, as is a missing one
    showcase.area.event.status = EventStatus.DRAFT
    showcase.area.event.save(update_fields=["status"])
    assert _start(coop.partner, showcase).status_code == 404
    assert client_for(coop.partner).post("/cooperation/start/showcase/999999/").status_code == 404
    assert not CooperationCase.objects.filter(showcase=showcase).exists()


@pytest.mark.django_db
def test_an_anonymous_achievements_owner_is_reached_through_the_broker() -> None:
    coop = build_coop()
    hidden = build_listing(coop.owner_org, actor=coop.owner, centre=coop.centre, anonymous=True)
    showcase = _showcase(coop, hidden)
    response = client_for(coop.partner).post(
        f"/cooperation/start/showcase/{showcase.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans", follow=True
    )
    assert "通过经纪人" in response.content.decode()
    assert not CooperationCase.objects.filter(showcase=showcase).exists()
    _start(coop.broker, showcase)  # the broker may, and the owner stays unnamed to the other parties
    assert CooperationCase.objects.get(showcase=showcase).owner_revealed is False
