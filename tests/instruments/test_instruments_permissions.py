"""Who sees and does what: external users see only public data, managers approve only their own
facility's bookings, hidden objects answer 404."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client

from techbridge.instruments.enums import BookingStatus
from techbridge.instruments.models import Booking

pytestmark = pytest.mark.django_db
ROLES = (
    "anonymous",
    "outsider",
    "external",
    "alliance_member",
    "internal",
    "manager",
    "other_manager",
    "admin",
)


def _client(lab, role):  # type: ignore[no-untyped-def]
    client = Client()
    if role != "anonymous":
        client.force_login(getattr(lab, role))
    return client


def _pending(lab) -> Booking:  # type: ignore[no-untyped-def]
    start = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) + timedelta(days=4)
    return Booking.objects.create(
        instrument=lab.instrument,
        user=lab.external,
        organisation=lab.enterprise,
        start=start,
        end=start + timedelta(hours=1),
        status=BookingStatus.PENDING,
        category="external_enterprise",
    )


@pytest.mark.parametrize("role", ROLES)
def test_hidden_facility_instruments_answer_404_to_outsiders(lab, role) -> None:  # type: ignore[no-untyped-def]
    client = _client(lab, role)
    allowed = role in {"internal", "manager", "admin"}
    expected = 200 if allowed else 404

    statuses = [
        client.get(f"/instruments/{lab.hidden_instrument.pk}/").status_code,
        client.get(f"/instruments/{lab.hidden_instrument.pk}/week/").status_code,
        client.get(f"/instruments/{lab.hidden_instrument.pk}/calendar.ics").status_code,
        client.get(f"/api/v1/instruments/{lab.hidden_instrument.pk}").status_code,
    ]
    listed = [item["id"] for item in client.get("/api/v1/instruments").json()["items"]]

    assert statuses == [expected] * 4
    assert (lab.hidden_instrument.pk in listed) is allowed
    assert client.get(f"/instruments/{lab.instrument.pk}/").status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_internal_notes_and_bookers_are_shown_only_inside_the_owner(lab, role) -> None:  # type: ignore[no-untyped-def]
    _pending(lab)
    client = _client(lab, role)

    page = client.get(f"/instruments/{lab.instrument.pk}/").content.decode()
    week = client.get(
        f"/instruments/{lab.instrument.pk}/week/?week={(datetime.now(UTC) + timedelta(days=4)):%Y-%m-%d}"
    )

    inside = role in {"internal", "manager", "admin"}
    assert ("Filament replaced" in page) is inside
    assert ('class="booker"' in week.content.decode()) is inside


@pytest.mark.parametrize("role", ROLES)
def test_only_the_facility_manager_approves(lab, role) -> None:  # type: ignore[no-untyped-def]
    booking = _pending(lab)
    client = _client(lab, role)

    page = client.post(f"/instruments/bookings/{booking.pk}/decide/", {"decision": "approve"})
    api = client.post(f"/api/v1/bookings/{booking.pk}/approve", {}, content_type="application/json")
    booking.refresh_from_db()

    may = role in {"manager", "admin"}
    expected_page = 302 if may or role == "anonymous" else 404
    expected_api = {"anonymous": 401, "manager": 409, "admin": 409}.get(
        role, 404
    )  # 409: approved by the page
    assert page.status_code == expected_page
    assert api.status_code == expected_api
    assert booking.status == (BookingStatus.CONFIRMED if may else BookingStatus.PENDING)


@pytest.mark.parametrize("role", ROLES)
def test_a_booking_is_seen_by_its_booker_managers_and_admins(lab, role) -> None:  # type: ignore[no-untyped-def]
    booking = _pending(lab)
    client = _client(lab, role)

    page = client.get(f"/instruments/bookings/{booking.pk}/").status_code
    api = client.get(f"/api/v1/bookings/{booking.pk}").status_code
    pdf = client.get(f"/instruments/bookings/{booking.pk}/statement/?format=pdf").status_code

    if role == "anonymous":
        assert (page, api, pdf) == (302, 401, 302)
    elif role in {"external", "manager", "admin"}:
        assert (page, api, pdf) == (200, 200, 200)
    else:
        assert (page, api, pdf) == (404, 404, 404)


def test_booking_a_hidden_instrument_through_the_api_answers_404(lab) -> None:  # type: ignore[no-untyped-def]
    start = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) + timedelta(days=4)
    payload = {
        "instrument_id": lab.hidden_instrument.pk,
        "start": start.isoformat(),
        "end": (start + timedelta(hours=1)).isoformat(),
    }

    response = _client(lab, "external").post("/api/v1/bookings", payload, content_type="application/json")

    assert response.status_code == 404
    assert Booking.objects.count() == 0


def test_cookie_authenticated_writes_need_a_csrf_token(lab) -> None:  # type: ignore[no-untyped-def]
    booking = _pending(lab)
    client = Client(enforce_csrf_checks=True)
    client.force_login(lab.manager)

    statuses = [
        client.post(f"/instruments/{lab.instrument.pk}/book/", {}).status_code,
        client.post(f"/instruments/bookings/{booking.pk}/decide/", {"decision": "approve"}).status_code,
        client.post(f"/instruments/bookings/{booking.pk}/cancel/", {}).status_code,
        client.post(
            f"/api/v1/bookings/{booking.pk}/approve", {}, content_type="application/json"
        ).status_code,
    ]

    assert statuses == [403, 403, 403, 403]


@pytest.mark.parametrize("role", ["outsider", "external", "internal"])
def test_statistics_are_for_officials_and_managers(lab, role) -> None:  # type: ignore[no-untyped-def]
    assert _client(lab, role).get("/instruments/statistics/").status_code == 404
    assert _client(lab, "manager").get("/instruments/statistics/").status_code == 200
