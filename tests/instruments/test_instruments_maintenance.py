"""Facility managers edit their own instruments and plan maintenance; nobody else can."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from techbridge.instruments.domain.booking import BookingAsk, BookingRefused, check_create_booking
from world import client_for

BUDAPEST = ZoneInfo("Europe/Budapest")


def _day(days: int) -> datetime:
    return datetime.combine((datetime.now(UTC) + timedelta(days=days)).astimezone(BUDAPEST).date(), time(0))


def _form(lab, **changes):  # type: ignore[no-untyped-def]
    instrument = lab.instrument
    data = {
        "name_en": "Field-emission SEM",
        "name_zh-hans": "场发射扫描电镜",
        "name_hu": "",
        "model_number": instrument.model_number,
        "manufacturer": instrument.manufacturer,
        "location": "Building K, room 12",
        "status": "available",
        "granularity_minutes": instrument.granularity_minutes,
        "min_duration_minutes": 60,
        "max_duration_minutes": 240,
        "lead_time_minutes": 0,
        "horizon_days": 60,
        "opens_at": "08:00",
        "closes_at": "20:00",
        "free_cancellation_hours": 24,
        "self_service_allowed": "on",
        "operated_available": "on",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("who", "expected"),
    [("manager", 200), ("other_manager", 404), ("external", 404), ("outsider", 404), ("admin", 200)],
)
def test_only_the_facilitys_managers_edit_an_instrument(lab, who: str, expected: int) -> None:  # type: ignore[no-untyped-def]
    response = client_for(getattr(lab, who)).get(f"/instruments/{lab.instrument.pk}/edit/")

    assert response.status_code == expected


def test_anonymous_visitor_is_sent_to_sign_in(lab) -> None:  # type: ignore[no-untyped-def]
    assert client_for(None).get(f"/instruments/{lab.instrument.pk}/edit/").status_code == 302


def test_manager_saves_the_catalogue_entry_and_rules(lab) -> None:  # type: ignore[no-untyped-def]
    response = client_for(lab.manager).post(f"/instruments/{lab.instrument.pk}/edit/", _form(lab))

    lab.instrument.refresh_from_db()
    assert response.status_code == 302
    assert lab.instrument.name == {"en": "Field-emission SEM", "zh-hans": "场发射扫描电镜"}
    assert (lab.instrument.location, lab.instrument.max_duration_minutes) == ("Building K, room 12", 240)


def test_bad_rules_are_refused_and_nothing_is_saved(lab) -> None:  # type: ignore[no-untyped-def]
    before = lab.instrument.min_duration_minutes

    response = client_for(lab.manager).post(
        f"/instruments/{lab.instrument.pk}/edit/", _form(lab, max_duration_minutes=30, location="<b>x</b>")
    )

    lab.instrument.refresh_from_db()
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"max_duration_minutes", "location"}
    assert lab.instrument.min_duration_minutes == before


def test_maintenance_window_blocks_new_bookings_in_the_facilitys_clock(lab) -> None:  # type: ignore[no-untyped-def]
    day = _day(3)
    client = client_for(lab.manager)

    client.post(
        f"/instruments/{lab.instrument.pk}/blackouts/",
        {"start": f"{day:%Y-%m-%d}T10:00", "end": f"{day:%Y-%m-%d}T14:00", "label": "Calibration"},
    )
    blackout = lab.instrument.blackouts.get()
    start = datetime.combine(day.date(), time(11), tzinfo=BUDAPEST)

    assert blackout.start == datetime.combine(day.date(), time(10), tzinfo=BUDAPEST)
    with pytest.raises(BookingRefused):
        check_create_booking(
            BookingAsk(
                instrument=lab.instrument, user=lab.internal, start=start, end=start + timedelta(hours=1)
            )
        )


def test_maintenance_window_must_end_after_it_starts(lab) -> None:  # type: ignore[no-untyped-def]
    day = _day(3)

    response = client_for(lab.manager).post(
        f"/instruments/{lab.instrument.pk}/blackouts/",
        {"start": f"{day:%Y-%m-%d}T14:00", "end": f"{day:%Y-%m-%d}T10:00"},
    )

    assert response.status_code == 400
    assert not lab.instrument.blackouts.exists()


def test_other_manager_cannot_add_or_remove_maintenance(lab) -> None:  # type: ignore[no-untyped-def]
    day = _day(3)
    client_for(lab.manager).post(
        f"/instruments/{lab.instrument.pk}/blackouts/",
        {"start": f"{day:%Y-%m-%d}T10:00", "end": f"{day:%Y-%m-%d}T14:00"},
    )
    blackout = lab.instrument.blackouts.get()
    other = client_for(lab.other_manager)

    added = other.post(
        f"/instruments/{lab.instrument.pk}/blackouts/",
        {"start": f"{day:%Y-%m-%d}T15:00", "end": f"{day:%Y-%m-%d}T16:00"},
    )
    removed = other.post(f"/instruments/{lab.instrument.pk}/blackouts/{blackout.pk}/remove/")

    assert (added.status_code, removed.status_code) == (404, 404)
    assert list(lab.instrument.blackouts.values_list("pk", flat=True)) == [blackout.pk]
