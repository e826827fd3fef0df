"""The whole brokerage-event journey of the issue, in a real browser: two participants register
and are approved, one requests a meeting and the other accepts, the organiser runs the scheduler
and publishes, and both find the meeting in their agenda and download it as an iCal file."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from browser_session import sign_in
from playwright.sync_api import expect

from factories import make_centre, make_member, make_operator, make_organisation, make_user
from techbridge.directory.enums import OrganisationKind
from techbridge.events.enums import EventStatus
from techbridge.events.models import Event, MeetingSession

pytestmark = pytest.mark.browser

PEOPLE = {
    "anna@example.org": ("Anna Kovács", "Óbuda Battery Lab", "HU"),
    "li@example.org": ("Li Wei", "Jialing Electric Buses", "CN"),
}


@pytest.fixture
def brokerage(transactional_db: None) -> Event:
    centre = make_centre(slug="cq-hu")
    make_operator(centre, make_user(email="organiser@example.org", display_name="Wang Fang"))
    for email, (name, organisation_name, country) in PEOPLE.items():
        organisation = make_organisation(
            centre=centre, name={"en": organisation_name}, kind=OrganisationKind.ENTERPRISE, country=country
        )
        make_member(organisation, make_user(email=email, display_name=name))
    event = Event.objects.create(
        slug="cq-hu-b2b",
        title={"en": "China–Hungary brokerage event", "zh-hans": "中匈技术对接会"},
        status=EventStatus.PUBLISHED,
        time_zone="Asia/Shanghai",
        starts_on=date(2027, 5, 18),
        ends_on=date(2027, 5, 18),
        registration_open=True,
        b2b_enabled=True,
    )
    event.organising_centres.add(centre)
    MeetingSession.objects.create(
        event=event, starts_at=datetime(2027, 5, 18, 6, tzinfo=UTC), slots=6, tables=3
    )
    return event


def _register(page: Any, base: str, email: str) -> None:
    _name, organisation, country = PEOPLE[email]
    sign_in(page, base, email)
    page.goto(f"{base}/events/cq-hu-b2b/")
    page.click("nav.tabs >> text=Register")
    page.select_option("#id_category", "enterprise")
    page.select_option("#id_organisation", label=organisation)
    page.select_option("#id_country", country)
    page.check("#id_b2b")
    page.click("#registration-form button[type=submit]")
    expect(page.locator("#registration-status")).to_have_text("awaiting approval")


def test_register_request_accept_schedule_publish_and_both_download_their_agenda(
    live_server: Any, page: Any, screenshot: Any, brokerage: Event, tmp_path: Path
) -> None:
    base = live_server.url
    event_url = f"{base}/events/{brokerage.slug}"
    for email in PEOPLE:
        _register(page, base, email)

    sign_in(page, base, "organiser@example.org")
    page.goto(f"{event_url}/registrations/")
    for name, _organisation, _country in PEOPLE.values():
        page.locator("#registrations tbody tr", has_text=name).locator("button[value=approve]").click()
        expect(page.locator("#registrations tbody tr", has_text=name)).to_contain_text("approved")

    sign_in(page, base, "anna@example.org")
    page.goto(f"{event_url}/b2b/participants/")
    page.fill("#id_q", "Jialing")
    expect(page.locator("#results .participant")).to_have_count(1)
    page.click("#results .participant a")
    page.click("#request-meeting")
    page.fill("#id_message", "We make electrolytes for cold climates. Shall we meet?")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{event_url}/b2b/requests/")

    sign_in(page, base, "li@example.org")
    page.goto(f"{event_url}/b2b/requests/")
    page.click("#received button[value=accept]")
    expect(page.locator("#received .request-status")).to_contain_text("accepted")

    sign_in(page, base, "organiser@example.org")
    page.goto(f"{event_url}/schedule/")
    page.select_option("#id_kind", "full")
    page.fill("#id_time_limit_s", "2")
    page.click("main button[type=submit]")
    expect(page.locator("[data-status]")).to_have_attribute("data-status", "finished", timeout=30_000)
    expect(page.locator("[data-figure=scheduled]")).to_have_text("1 / 1")
    page.click("text=Publish this schedule")
    expect(page.locator("[data-status]")).to_have_attribute("data-status", "published")
    screenshot("events-journey-01-published")

    for email, other in (("anna@example.org", "Li Wei"), ("li@example.org", "Anna Kovács")):
        sign_in(page, base, email)
        page.goto(f"{event_url}/agenda/")
        expect(page.locator(".agenda-meeting")).to_contain_text(other)
        with page.expect_download() as download_info:
            page.click("text=Add to my calendar (iCal)")
        path = tmp_path / f"{email}.ics"
        download_info.value.save_as(path)
        calendar = path.read_text(encoding="utf-8")
        assert "BEGIN:VEVENT" in calendar
        assert other in calendar
    screenshot("events-journey-02-agenda")
