"""A participant registers for an event, the organiser approves them and checks them in with the
check-in page's manual code field, in a real browser."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from browser_session import sign_in
from playwright.sync_api import expect

from factories import make_centre, make_member, make_operator, make_organisation, make_user
from techbridge.events.enums import EventStatus
from techbridge.events.models import Event, Registration

pytestmark = pytest.mark.browser


@pytest.fixture
def conference(transactional_db: None) -> Event:
    centre = make_centre(slug="cq-hu")
    make_operator(centre, make_user(email="organiser@example.org", display_name="Wang Fang"))
    company = make_organisation(centre=centre, name={"en": "Danube Photonics"})
    make_member(company, make_user(email="guest@example.org", display_name="Nagy Péter"))
    event = Event.objects.create(
        slug="cq-hu-2027",
        title={"en": "China–Hungary technology exchange", "zh-hans": "中匈技术交流会"},
        status=EventStatus.PUBLISHED,
        time_zone="Asia/Shanghai",
        languages=["en", "zh-hans", "hu"],
        starts_on=date(2027, 5, 18),
        ends_on=date(2027, 5, 19),
        city="Chongqing",
        registration_open=True,
    )
    event.organising_centres.add(centre)
    return event


def test_participant_registers_organiser_approves_and_checks_them_in(
    live_server: Any, page: Any, screenshot: Any, conference: Event
) -> None:
    base = live_server.url
    sign_in(page, base, "guest@example.org")
    page.goto(f"{base}/events/")
    page.click("text=China–Hungary technology exchange")
    page.click("nav.tabs >> text=Register")
    page.select_option("#id_category", "foreign_guest")
    page.select_option("#id_organisation", label="Danube Photonics")
    page.select_option("#id_country", "HU")
    page.check("#id_remote")
    page.select_option("#id_time_zone", "Europe/Budapest")
    screenshot("events-programme-01-registration")
    page.click("#registration-form button[type=submit]")
    expect(page.locator("#registration-status")).to_have_text("awaiting approval")

    sign_in(page, base, "organiser@example.org")
    page.goto(f"{base}/events/cq-hu-2027/registrations/")
    row = page.locator("#registrations tbody tr", has_text="Nagy Péter")
    row.locator("button[value=approve]").click()
    expect(page.locator("#registrations tbody tr", has_text="Nagy Péter")).to_contain_text("approved")

    sign_in(page, base, "guest@example.org")
    page.goto(f"{base}/events/cq-hu-2027/registration/")
    expect(page.locator("#registration-status")).to_have_text("approved")
    code = page.locator("#badge-code").inner_text()
    assert code == Registration.objects.get().badge_code

    sign_in(page, base, "organiser@example.org")
    page.goto(f"{base}/events/cq-hu-2027/checkin/")
    page.fill("#id_code", code)
    page.click("#checkin-form button[type=submit]")
    expect(page.locator("#checkin-result")).to_contain_text("not today")  # the event is in 2027
    page.check("#id_outside_dates")  # the organiser's override, e.g. for a rehearsal
    page.fill("#id_code", code)
    page.click("#checkin-form button[type=submit]")
    expect(page.locator("#checkin-result")).to_contain_text("Welcome, Nagy Péter!")
    expect(page.locator("#id_code")).to_have_value("")
    screenshot("events-programme-02-checked-in")
    page.fill("#id_code", code)
    page.click("#checkin-form button[type=submit]")
    expect(page.locator("#checkin-result")).to_contain_text("already checked in")
    page.fill("#id_code", "not-a-badge")
    page.click("#checkin-form button[type=submit]")
    expect(page.locator("#checkin-result")).to_contain_text("Unknown badge code.")

    page.goto(f"{base}/events/cq-hu-2027/attendance/")
    expect(page.locator("#total-checked-in")).to_have_text("1")
    assert Registration.objects.get().checked_in_at is not None
