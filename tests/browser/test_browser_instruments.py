"""An enterprise user finds an instrument, books it, the facility approves, and the booking shows
up in the user's week view and iCal feed, in a real browser."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from browser_session import sign_in
from playwright.sync_api import expect

from factories import make_alliance, make_centre, make_member, make_organisation, make_user
from techbridge.directory.enums import OrganisationKind
from techbridge.instruments.domain.taxonomy import load_categories
from techbridge.instruments.models import Facility, FacilityManager, Instrument, InstrumentCategory, Rate

pytestmark = pytest.mark.browser
BUDAPEST = ZoneInfo("Europe/Budapest")


@pytest.fixture
def platform(transactional_db: None) -> dict[str, Any]:
    load_categories(InstrumentCategory)
    centre = make_centre(alliance=make_alliance(), slug="cq-hu")
    university = make_organisation(centre=centre, name={"en": "Budapest University of Technology"})
    enterprise = make_organisation(
        kind=OrganisationKind.ENTERPRISE, country="CN", name={"en": "Jialing Robotics"}
    )
    facility = Facility.objects.create(
        organisation=university, name={"en": "Nanolab"}, time_zone="Europe/Budapest"
    )
    instrument = Instrument.objects.create(
        facility=facility,
        category=InstrumentCategory.objects.get(code="0101"),
        name={"en": "Scanning electron microscope", "zh-hans": "扫描电子显微镜"},
        manufacturer="Zeiss",
        model_number="Sigma 300",
        opens_at=time(8),
        closes_at=time(20),
        open_weekdays=[0, 1, 2, 3, 4, 5, 6],
    )
    Rate.objects.create(instrument=instrument, category="external_enterprise", unit="hour", price=400)
    manager = make_user(email="manager@example.org")
    FacilityManager.objects.create(facility=facility, user=manager)
    make_member(enterprise, make_user(email="buyer@example.org", display_name="Chen Hao"))
    return {"instrument": instrument}


def _sign_out(page: Any) -> None:
    page.context.clear_cookies()


def test_enterprise_books_facility_approves_calendar_shows_it(
    live_server: Any, page: Any, screenshot: Any, platform: dict[str, Any]
) -> None:
    base = live_server.url
    day = (datetime.now(UTC) + timedelta(days=3)).astimezone(BUDAPEST).date()

    sign_in(page, base, "buyer@example.org")
    page.goto(f"{base}/instruments/")
    page.fill("#id_q", "electron")
    expect(page.locator("#results .card")).to_have_count(1)
    page.click("#results .card a")
    page.fill("#id_start", f"{day:%Y-%m-%d}T10:00")
    page.fill("#id_end", f"{day:%Y-%m-%d}T12:00")
    screenshot("instruments-01-booking-form")
    page.click("button[value=book]")
    expect(page.locator("#booking-status")).to_have_text("Awaiting approval")
    booking_url = page.url

    _sign_out(page)
    sign_in(page, base, "manager@example.org")
    page.goto(f"{base}/instruments/manage/")
    page.click("main table a >> nth=0")
    page.click("button[value=approve]")
    expect(page.locator("#booking-status")).to_have_text("Confirmed")
    screenshot("instruments-02-approved")

    _sign_out(page)
    sign_in(page, base, "buyer@example.org")
    page.goto(booking_url)
    expect(page.locator("#booking-status")).to_have_text("Confirmed")
    page.goto(f"{base}/instruments/bookings/week/?week={day:%Y-%m-%d}")
    expect(page.locator(".week .block a")).to_have_text("Scanning electron microscope")
    screenshot("instruments-03-week")
    page.goto(f"{base}/instruments/bookings/")
    feed = page.locator(".feed-url").input_value()
    body = page.request.get(feed).text()
    assert "SUMMARY:Scanning electron microscope" in body
    assert "STATUS:CONFIRMED" in body
