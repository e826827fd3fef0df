"""An organiser runs the scheduler, waits for it and publishes; a participant finds the meeting in
their agenda and downloads it as an iCal file, in a real browser."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browser_session import sign_in
from playwright.sync_api import expect

from events.events_world import build_events, register  # tests/events, outside this directory
from events.schedule_world import make_meeting
from factories import make_user
from world import build_world

pytestmark = pytest.mark.browser


@pytest.fixture
def conference(transactional_db: None) -> dict[str, Any]:
    world = build_world()
    world.operator.email = "organiser@example.org"
    world.operator.save()
    events = build_events(world)
    host = register(events.event, make_user(email="host@example.org", display_name="王伟"))
    guest = register(events.event, make_user(email="guest@example.org", display_name="Kovács Anna"))
    make_meeting(events.event, host, guest)
    return {"slug": events.event.slug}


def test_organiser_schedules_and_publishes_participant_downloads_agenda(
    live_server: Any, page: Any, screenshot: Any, conference: dict[str, Any], tmp_path: Path
) -> None:
    base, slug = live_server.url, conference["slug"]

    sign_in(page, base, "organiser@example.org")
    page.goto(f"{base}/events/{slug}/schedule/")
    page.select_option("#id_kind", "full")
    page.fill("#id_time_limit_s", "2")
    page.click("main button[type=submit]")
    expect(page.locator("[data-status]")).to_have_attribute("data-status", "finished", timeout=30_000)
    expect(page.locator("[data-figure=scheduled]")).to_have_text("1 / 1")
    expect(page.locator("[data-figure=violations]")).to_have_text("0")
    screenshot("events-schedule-01-review")
    page.click("text=Publish this schedule")
    expect(page.locator(".messages")).to_contain_text("Schedule published")
    expect(page.locator("[data-status]")).to_have_attribute("data-status", "published")

    sign_in(page, base, "guest@example.org")
    page.goto(f"{base}/events/{slug}/agenda/")
    expect(page.locator(".agenda-meeting")).to_contain_text("王伟")
    screenshot("events-schedule-02-agenda")
    with page.expect_download() as download_info:
        page.click("text=Add to my calendar (iCal)")
    path = tmp_path / "agenda.ics"
    download_info.value.save_as(path)
    calendar = path.read_text(encoding="utf-8")
    assert "BEGIN:VEVENT" in calendar
    assert "王伟" in calendar
