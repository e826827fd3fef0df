"""Two registered participants of a brokerage event: one finds the other in the catalogue and
requests a meeting, the other accepts it, and both see the meeting, in a real browser."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from browser_session import sign_in
from playwright.sync_api import expect

from factories import make_centre, make_member, make_organisation, make_user
from techbridge.directory.enums import OrganisationKind
from techbridge.events.enums import EventStatus, ParticipantCategory, RegistrationStatus
from techbridge.events.models import Event, MeetingSession, Registration

pytestmark = pytest.mark.browser


@pytest.fixture
def brokerage(transactional_db: None) -> Event:
    centre = make_centre(slug="cq-hu")
    event = Event.objects.create(
        slug="cq-hu-b2b",
        title={"en": "China–Hungary brokerage event", "zh-hans": "中匈技术对接会"},
        status=EventStatus.PUBLISHED,
        time_zone="Asia/Shanghai",
        starts_on=date(2027, 5, 18),
        ends_on=date(2027, 5, 18),
        b2b_enabled=True,
    )
    event.organising_centres.add(centre)
    MeetingSession.objects.create(
        event=event, starts_at=datetime(2027, 5, 18, 1, tzinfo=UTC), slots=8, tables=5
    )
    for email, name, organisation in (
        ("anna@example.org", "Anna Kovács", make_organisation(name={"en": "Óbuda Battery Lab"})),
        (
            "li@example.org",
            "Li Wei",
            make_organisation(
                name={"en": "Jialing Electric Buses"}, kind=OrganisationKind.ENTERPRISE, country="CN"
            ),
        ),
    ):
        user = make_member(organisation, make_user(email=email, display_name=name))
        Registration.objects.create(
            event=event,
            user=user,
            organisation=organisation,
            category=ParticipantCategory.ENTERPRISE,
            status=RegistrationStatus.APPROVED,
            b2b=True,
            country=organisation.country,
        )
    return event


def test_one_participant_requests_a_meeting_and_the_other_accepts(
    live_server: Any, page: Any, screenshot: Any, brokerage: Event
) -> None:
    base = f"{live_server.url}/events/{brokerage.slug}"

    sign_in(page, live_server.url, "anna@example.org")
    page.goto(f"{base}/b2b/participants/")
    page.fill("#id_q", "Jialing")
    expect(page.locator("#results .participant")).to_have_count(1)
    page.click("#results .participant a")
    page.click("#request-meeting")
    page.fill("#id_message", "We make electrolytes for cold climates. Shall we meet?")
    screenshot("events-b2b-01-request")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/b2b/requests/")
    expect(page.locator("#sent .request-status")).to_contain_text("sent")

    sign_in(page, live_server.url, "li@example.org")
    page.goto(f"{base}/b2b/requests/")
    expect(page.locator("#received .request")).to_contain_text("Shall we meet?")
    page.fill("#received textarea[name=answer]", "Gladly, see you in Chongqing.")
    page.click("#received button[value=accept]")
    expect(page.locator("#received .request-status")).to_contain_text("accepted")
    expect(page.locator("#meetings .meeting")).to_contain_text("Anna Kovács")
    screenshot("events-b2b-02-accepted")

    sign_in(page, live_server.url, "anna@example.org")
    page.goto(f"{base}/b2b/requests/")
    expect(page.locator("#sent .request-status")).to_contain_text("Gladly, see you in Chongqing.")
    expect(page.locator("#meetings .meeting")).to_contain_text("Li Wei")
