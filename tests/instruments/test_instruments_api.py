"""The API: catalogue, availability and bookings with the same rules and funnel as the pages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from techbridge.accounts.domain.tokens import do_create_api_token

pytestmark = pytest.mark.django_db


def _start() -> datetime:
    return datetime.now(UTC).replace(minute=0, second=0, microsecond=0) + timedelta(days=5)


def _bearer(user) -> dict[str, str]:  # type: ignore[no-untyped-def]
    _token, secret = do_create_api_token(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def _book(lab, user, start, hours=1):  # type: ignore[no-untyped-def]
    payload = {
        "instrument_id": lab.instrument.pk,
        "start": start.isoformat(),
        "end": (start + timedelta(hours=hours)).isoformat(),
    }
    return Client().post("/api/v1/bookings", payload, content_type="application/json", **_bearer(user))


def test_catalogue_filters_by_category_and_text(lab) -> None:  # type: ignore[no-untyped-def]
    client = Client()

    by_top_category = client.get("/api/v1/instruments?category=01").json()
    by_text = client.get("/api/v1/instruments?q=nmr").json()
    categories = client.get("/api/v1/instrument-categories").json()

    assert by_top_category["count"] == 2  # the public SEM and the partner's instrument
    assert [item["name"]["en"] for item in by_text["items"]] == ["Partner NMR"]
    assert {
        "code": "0102",
        "name": {"en": "Mass spectrometers", "zh-hans": "质谱仪器", "hu": "Tömegspektrométerek"},
        "parent": "01",
    } in categories


def test_booking_conflict_answers_409_with_suggestions(lab) -> None:  # type: ignore[no-untyped-def]
    first = _book(lab, lab.internal, _start(), hours=2)
    second = _book(lab, lab.external, _start() + timedelta(hours=1))

    body = second.json()
    assert (first.status_code, second.status_code) == (201, 409)
    assert [reason["code"] for reason in body["reasons"]] == ["capacity_full"]
    assert body["may_join_waiting_list"] is True
    assert datetime.fromisoformat(body["suggestions"][0]["start"]) == _start() + timedelta(hours=2)


def test_availability_lists_full_and_free_windows(lab) -> None:  # type: ignore[no-untyped-def]
    _book(lab, lab.internal, _start(), hours=2)
    day = _start().replace(hour=0)

    body = (
        Client()
        .get(
            f"/api/v1/instruments/{lab.instrument.pk}/availability",
            {"start": day.isoformat(), "end": (day + timedelta(days=1)).isoformat()},
        )
        .json()
    )

    assert [(w["start"], w["end"]) for w in body["full"]] == [
        (
            _start().isoformat().replace("+00:00", "Z"),
            (_start() + timedelta(hours=2)).isoformat().replace("+00:00", "Z"),
        )
    ]
    assert len(body["free"]) == 2


def test_invalid_payload_is_a_422_not_a_500(lab) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    headers = _bearer(lab.external)

    bad_mode = client.post(
        "/api/v1/bookings",
        {
            "instrument_id": lab.instrument.pk,
            "start": _start().isoformat(),
            "end": _start().isoformat(),
            "mode": "x",
        },
        content_type="application/json",
        **headers,
    )
    reversed_times = client.post(
        "/api/v1/bookings",
        {
            "instrument_id": lab.instrument.pk,
            "start": _start().isoformat(),
            "end": (_start() - timedelta(hours=1)).isoformat(),
        },
        content_type="application/json",
        **headers,
    )

    assert (bad_mode.status_code, reversed_times.status_code) == (422, 422)


def test_cancel_through_the_api_frees_the_time(lab) -> None:  # type: ignore[no-untyped-def]
    booking_id = _book(lab, lab.external, _start()).json()["id"]

    cancelled = Client().post(f"/api/v1/bookings/{booking_id}/cancel", **_bearer(lab.external))
    again = _book(lab, lab.internal, _start())

    assert cancelled.json()["status"] == "cancelled"
    assert again.status_code == 201


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.parametrize("url", ["/api/v1/instruments", "/instruments/", "/instruments/bookings/"])
def test_list_query_count_does_not_grow_with_items(lab, instrument_factory, url) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(lab.external)
    _book(lab, lab.external, _start())
    client.get(url)  # first visit creates the user's calendar settings
    before = _queries(client, url)
    for hour in range(3):
        instrument_factory(lab.facility)
        _book(lab, lab.external, _start() + timedelta(hours=hour + 2))

    assert _queries(client, url) == before
