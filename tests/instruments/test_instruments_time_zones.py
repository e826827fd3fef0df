"""An instrument in Europe/Budapest booked by a user in Asia/Shanghai, across the spring-forward
night (2027-03-28: Budapest skips 02:00-03:00)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from icalendar import Calendar

from techbridge.instruments.domain.calendars import calendar_settings
from techbridge.instruments.models import Booking

SHANGHAI = ZoneInfo("Asia/Shanghai")
pytestmark = pytest.mark.django_db


@pytest.fixture
def shanghai_client(lab):  # type: ignore[no-untyped-def]
    lab.external.time_zone = "Asia/Shanghai"
    lab.external.save(update_fields=["time_zone"])
    lab.instrument.horizon_days = 800
    lab.instrument.max_duration_minutes = 120
    lab.instrument.save()
    client = Client()
    client.force_login(lab.external)
    return client


def _post(client: Client, instrument_id: int, start: str, end: str):  # type: ignore[no-untyped-def]
    payload = {"instrument_id": instrument_id, "start": start, "end": end}
    return client.post("/api/v1/bookings", payload, content_type="application/json")


def test_booking_across_spring_forward_lasts_real_hours(lab, shanghai_client) -> None:  # type: ignore[no-untyped-def]
    # 08:00-10:00 in Shanghai = 01:00 CET - 04:00 CEST in Budapest: three wall hours, two real ones.
    response = _post(
        shanghai_client, lab.instrument.pk, "2027-03-28T08:00:00+08:00", "2027-03-28T10:00:00+08:00"
    )

    booking = Booking.objects.get()
    assert response.status_code == 201, response.json()
    assert (booking.start, booking.end) == (
        datetime(2027, 3, 28, 0, 0, tzinfo=UTC),
        datetime(2027, 3, 28, 2, 0, tzinfo=UTC),
    )


def test_three_real_hours_over_the_night_exceed_a_two_hour_maximum(lab, shanghai_client) -> None:  # type: ignore[no-untyped-def]
    response = _post(
        shanghai_client, lab.instrument.pk, "2027-03-28T08:00:00+08:00", "2027-03-28T11:00:00+08:00"
    )

    assert response.status_code == 422
    assert [reason["code"] for reason in response.json()["reasons"]] == ["too_long"]


def test_time_without_offset_is_read_on_the_instruments_wall_clock(lab, shanghai_client) -> None:  # type: ignore[no-untyped-def]
    response = _post(shanghai_client, lab.instrument.pk, "2027-03-28T01:00:00", "2027-03-28T04:00:00")

    assert response.status_code == 201
    assert Booking.objects.get().end == datetime(2027, 3, 28, 2, 0, tzinfo=UTC)


def test_calendar_and_week_view_show_the_users_zone(lab, shanghai_client) -> None:  # type: ignore[no-untyped-def]
    _post(shanghai_client, lab.instrument.pk, "2027-03-28T08:00:00+08:00", "2027-03-28T10:00:00+08:00")
    token = calendar_settings(lab.external).feed_token

    feed = Calendar.from_ical(Client().get(f"/instruments/calendar/{token}.ics").content)
    week = shanghai_client.get("/instruments/bookings/week/?week=2027-03-28").content.decode()

    event = next(iter(feed.walk("VEVENT")))
    assert event.decoded("dtstart") == datetime(2027, 3, 28, 0, 0, tzinfo=UTC)
    assert "08:00–10:00" in week
    assert "Asia/Shanghai" in week


def test_the_facility_desk_shows_bookings_on_the_facility_clock_with_its_zone(lab) -> None:  # type: ignore[no-untyped-def]
    Booking.objects.create(
        instrument=lab.instrument,
        user=lab.external.user if hasattr(lab.external, "user") else lab.external,
        start=datetime(2027, 1, 12, 8, 0, tzinfo=UTC),  # 09:00 in Budapest (CET)
        end=datetime(2027, 1, 12, 9, 0, tzinfo=UTC),
        status="pending",
        category="external_enterprise",
    )
    client = Client()
    client.force_login(lab.manager)

    page = client.get("/instruments/manage/", headers={"accept-language": "hu"}).content.decode()

    assert "09:00 (Europe/Budapest)" in page
    assert "08:00" not in page


@pytest.mark.parametrize(
    ("language", "day_heading"),
    [("zh-hans", "03月28日 (星期日)"), ("hu", "március 28. (vas)"), ("en", "March 28 (Sun)")],
)
def test_week_view_names_each_day_in_the_readers_order(  # type: ignore[no-untyped-def]
    shanghai_client, language: str, day_heading: str
) -> None:
    """Chinese puts the month first ("3 十二月" read as nonsense), Hungarian ends the day with a dot."""
    week = shanghai_client.get(
        "/instruments/bookings/week/?week=2027-03-28", headers={"accept-language": language}
    ).content.decode()

    assert day_heading in week
