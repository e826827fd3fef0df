"""Property-based (Hypothesis): every date, time and text input of the API, fed anything from
ordinary values to extreme ones (years 1 and 9999, offsets up to ±23:59, unpaired surrogates,
control characters, huge texts), never gets a 5xx. Sent over the wire as a client would (query
strings as UTF-8 bytes, with 'surrogatepass' for what no encoder would send; JSON with escapes)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta, timezone
from typing import Any
from urllib.parse import quote

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from world_objects import Objects, build_objects

PROPERTY = settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
EXTREME_TEXTS = [
    "\ud800",
    "a\udfffb",
    "\x00",
    "\x07bell",
    "\u202eright-to-left",
    "<b>x</b>",
    "x" * 5000,
    "中文\ufffe",
]
OFFSETS = st.integers(min_value=-(24 * 60 - 1), max_value=24 * 60 - 1).map(
    lambda m: timezone(timedelta(minutes=m))
)
MOMENTS = st.one_of(
    st.datetimes().map(lambda d: d.isoformat()),
    st.builds(
        lambda d, zone: d.replace(tzinfo=zone).isoformat(),
        st.datetimes(),
        OFFSETS,
    ),
    st.sampled_from(["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "2026-01-01T00:00:00+16:00"]),
    st.text(max_size=40),
)
DAYS = st.one_of(st.dates().map(lambda d: d.isoformat()), st.text(max_size=20))
TEXTS = st.one_of(
    st.text(st.characters(codec=None, categories=None), max_size=60),
    st.sampled_from(EXTREME_TEXTS),
)


@pytest.fixture
def objects(db: None) -> Objects:
    return build_objects()


def _client(objects: Objects, role: str = "platform_admin") -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {objects.tokens[role]}")


def _query(**values: str) -> str:
    return "&".join(
        f"{name}={quote(value.encode('utf-8', 'surrogatepass'))}" for name, value in values.items()
    )


def _get(client: Client, path: str, **values: str) -> int:
    return client.get(f"{path}?{_query(**values)}").status_code


def _send(client: Client, method: str, path: str, body: dict[str, Any]) -> int:
    handler: Callable[..., Any] = getattr(client, method)
    return int(handler(path, json.dumps(body), content_type="application/json").status_code)


def _never_5xx(status: int) -> None:
    assert status < 500


@given(value=MOMENTS)
@PROPERTY
def test_sync_modified_since(objects: Objects, value: str) -> None:
    _never_5xx(_get(_client(objects), "/api/v1/listings/sync", modified_since=value))


@given(start=MOMENTS, end=MOMENTS)
@PROPERTY
def test_availability_window(objects: Objects, start: str, end: str) -> None:
    path = f"/api/v1/instruments/{objects.instrument.pk}/availability"
    _never_5xx(_get(_client(objects), path, start=start, end=end))


@given(start=MOMENTS, end=MOMENTS, purpose=TEXTS)
@PROPERTY
def test_booking_times_and_purpose(objects: Objects, start: str, end: str, purpose: str) -> None:
    body = {"instrument_id": objects.instrument.pk, "start": start, "end": end, "purpose": purpose}
    _never_5xx(_send(_client(objects, "org_member"), "post", "/api/v1/bookings", body))


@given(note=TEXTS)
@PROPERTY
def test_booking_decision_note(objects: Objects, note: str) -> None:
    path = f"/api/v1/bookings/{objects.booking.pk}/reject"
    _never_5xx(_send(_client(objects), "post", path, {"note": note}))


@given(week=DAYS)
@PROPERTY
def test_instrument_week_pages(objects: Objects, week: str) -> None:
    client = Client()
    client.force_login(objects.world.org_member)
    _never_5xx(_get(client, f"/instruments/{objects.instrument.pk}/week/", week=week))
    _never_5xx(_get(client, "/instruments/bookings/week/", week=week))


@given(language=TEXTS, text=TEXTS, keyword=TEXTS, plain=TEXTS, deadline=DAYS)
@PROPERTY
def test_listing_texts_and_dates(
    objects: Objects, *, language: str, text: str, keyword: str, plain: str, deadline: str
) -> None:
    body = {
        "kind": "rd_cooperation",
        "owner_organisation": objects.world.pending.pk,
        "title": {"en": text, language: text},
        "summary": {"hu": text},
        "description": {"zh-hans": text},
        "keywords": [keyword],
        "target_regions": plain,
        "programme": plain,
        "deadline": deadline,
        "call_deadline": deadline,
    }
    client = _client(objects, "org_member")
    _never_5xx(_send(client, "post", "/api/v1/listings", body))
    _never_5xx(_send(client, "patch", f"/api/v1/listings/{objects.listings['own_draft'].pk}", body))


@given(text=TEXTS)
@PROPERTY
def test_interest_and_action_texts(objects: Objects, text: str) -> None:
    client = _client(objects, "org_member")
    listing = objects.listings["other_centre"]
    interest = {"message": text, "intended_use": text, "capacity": text, "timeline": text}
    _never_5xx(_send(client, "post", f"/api/v1/listings/{listing.pk}/interests", interest))
    _never_5xx(_send(client, "patch", f"/api/v1/interests/{objects.interest.public_id}", interest))
    action = {"action": "withdraw", "reason": text}
    _never_5xx(_send(client, "post", f"/api/v1/listings/{objects.listings['own'].pk}/actions", action))


@given(text=TEXTS)
@PROPERTY
def test_organisation_texts(objects: Objects, text: str) -> None:
    body = {
        "name": {"en": text},
        "short_name": text,
        "city": text,
        "region": text,
        "website": text,
        "description": {text: text},
    }
    _never_5xx(_send(_client(objects), "patch", f"/api/v1/organisations/{objects.world.pending.pk}", body))


@given(text=TEXTS)
@PROPERTY
def test_search_and_filter_texts(objects: Objects, text: str) -> None:
    client = _client(objects)
    for path, names in SEARCHES.items():
        for name in names:
            _never_5xx(_get(client, path, **{name: text}))
    _never_5xx(_get(client, f"/api/v1/events/{quote(text.encode('utf-8', 'surrogatepass'), safe='')}"))


SEARCHES = {
    "/api/v1/listings": ("q", "kind", "status", "field", "industry", "country", "language", "sort"),
    "/api/v1/organisations": ("q", "kind", "country", "field", "centre"),
    "/api/v1/people": ("q", "country", "field", "language"),
    "/api/v1/instruments": ("q", "category", "country", "status"),
    "/api/v1/interests": ("status",),
}
