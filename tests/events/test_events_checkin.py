"""Check-in by badge code: accepted once, harmless when repeated, refused with a clear message
for unknown codes, other events' badges and unapproved registrations; attendance figures."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from events_world import Events, make_event, register

from techbridge.events.enums import ParticipantCategory, RegistrationStatus
from techbridge.events.models import CheckIn, Event
from world import client_for

pytestmark = pytest.mark.django_db
SCAN = "/events/cq-hu-2027/checkin/scan/"


@pytest.fixture(autouse=True)
def _event_is_today(events: Events) -> None:
    """Scans happen on the event's day unless a test says otherwise."""
    today = timezone.now().astimezone(ZoneInfo(events.event.time_zone)).date()
    Event.objects.filter(pk=events.event.pk).update(starts_on=today, ends_on=today)
    events.event.refresh_from_db()


def _scan(events: Events, code: str, *, htmx: bool = True, **extra: str) -> str:
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = client_for(events.world.operator).post(SCAN, {"code": code, **extra}, **headers)
    assert response.status_code == 200
    return response.content.decode()


def test_an_approved_badge_is_checked_in_once_and_a_second_scan_is_harmless(events: Events) -> None:
    registration = register(events.event, events.world.expert)
    first = _scan(events, registration.badge_code)
    assert 'data-accepted="true"' in first
    assert "Welcome" in first
    registration.refresh_from_db()
    checked_at = registration.checked_in_at
    assert checked_at is not None
    code = registration.badge_code
    assert code.isupper()
    assert not set(code) & set("01ILOU")  # nothing to misread on a printed badge
    typed = f"  {code[:5].lower()}-{code[5:]} "  # as someone types it from the badge
    again = _scan(events, typed)
    assert 'data-accepted="true"' in again
    assert "already checked in" in again
    registration.refresh_from_db()
    assert registration.checked_in_at == checked_at
    assert CheckIn.objects.filter(registration=registration).count() == 1


@pytest.mark.parametrize("status", [RegistrationStatus.PENDING, RegistrationStatus.WAITLISTED,
                                    RegistrationStatus.DECLINED, RegistrationStatus.CANCELLED])  # fmt: skip
def test_unapproved_registrations_are_refused(events: Events, status: str) -> None:
    registration = register(events.event, status=status)
    answer = _scan(events, registration.badge_code)
    assert 'data-accepted="false"' in answer
    assert "not approved" in answer
    assert not CheckIn.objects.exists()


def test_unknown_codes_and_other_events_badges_are_refused(events: Events) -> None:
    other = register(make_event(events.world, slug="other-event"))
    assert "Unknown badge code." in _scan(events, "no-such-code")
    assert "Unknown badge code." in _scan(events, "x" * 500)
    assert "Type or scan a badge code." in _scan(events, "")
    assert "another event" in _scan(events, other.badge_code)
    assert not CheckIn.objects.exists()


def test_without_htmx_the_whole_page_comes_back_with_the_result(events: Events) -> None:
    registration = register(events.event, events.world.expert)
    page = _scan(events, registration.badge_code, htmx=False)
    assert "<html" in page
    assert 'data-accepted="true"' in page


def test_only_the_events_organisers_may_scan(events: Events) -> None:
    registration = register(events.event, events.world.expert)
    for user in (events.world.expert, events.world.other_operator, None):
        response = client_for(user).post(SCAN, {"code": registration.badge_code})
        assert response.status_code in (302, 404)
    assert not CheckIn.objects.exists()


def test_the_check_in_page_has_the_camera_scanner_and_the_manual_field(events: Events) -> None:
    page = client_for(events.world.operator).get("/events/cq-hu-2027/checkin/").content.decode()
    assert 'id="scanner-video"' in page
    assert 'name="code"' in page
    assert "events-checkin.js" in page


def test_attendance_counts_by_category_and_country(events: Events) -> None:
    world = events.world
    guest = register(events.event, category=ParticipantCategory.FOREIGN_GUEST, country="HU")
    register(
        events.event,
        category=ParticipantCategory.FOREIGN_GUEST,
        country="HU",
        status=RegistrationStatus.PENDING,
    )
    register(events.event, category=ParticipantCategory.INVESTOR, country="CN")
    register(
        events.event, category=ParticipantCategory.INVESTOR, country="CN", status=RegistrationStatus.CANCELLED
    )
    register(
        events.event, category=ParticipantCategory.PRESS, country="CN", status=RegistrationStatus.WAITLISTED
    )
    _scan(events, guest.badge_code)
    from techbridge.events.domain.attendance import attendance

    figures = attendance(events.event, {"HU": "Hungary", "CN": "China"})
    assert (figures.total.registered, figures.total.approved, figures.total.checked_in) == (4, 2, 1)
    assert figures.waitlisted == 1
    by_category = {row.key: (row.registered, row.approved, row.checked_in) for row in figures.by_category}
    assert by_category == {"foreign_guest": (2, 1, 1), "investor": (1, 1, 0), "press": (1, 0, 0)}
    by_country = {row.label: (row.registered, row.approved, row.checked_in) for row in figures.by_country}
    assert by_country == {"Hungary": (2, 1, 1), "China": (2, 1, 0)}
    page = client_for(world.operator).get("/events/cq-hu-2027/attendance/").content.decode()
    assert '<dd id="total-checked-in">1</dd>' in page
    assert "Hungary" in page


def test_badges_are_refused_outside_the_events_dates_unless_the_organiser_overrides(events: Events) -> None:
    registration = register(events.event, events.world.expert)
    tomorrow = timezone.now().astimezone(ZoneInfo(events.event.time_zone)).date() + timedelta(days=1)
    Event.objects.filter(pk=events.event.pk).update(starts_on=tomorrow, ends_on=tomorrow + timedelta(days=1))

    refused = _scan(events, registration.badge_code)
    registration.refresh_from_db()
    assert 'data-accepted="false"' in refused
    assert "not today" in refused
    assert registration.checked_in_at is None

    accepted = _scan(events, registration.badge_code, outside_dates="on")
    registration.refresh_from_db()
    assert 'data-accepted="true"' in accepted
    assert registration.checked_in_at is not None
