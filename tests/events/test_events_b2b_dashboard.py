"""The organisers' dashboard on a small known world."""

from __future__ import annotations

from datetime import timedelta

import pytest
from b2b_world import B2B, NOW, accept, build_b2b, send
from events_world import Events, register

from techbridge.events.domain.dashboard import build_dashboard
from techbridge.events.domain.outcomes import ReportedOutcome, check_record_outcome
from techbridge.events.domain.request_expiry import expire_requests
from techbridge.events.domain.requests import check_answer_request
from techbridge.events.enums import MeetingOutcomeKind, ParticipantCategory
from techbridge.events.models import Meeting, MeetingRequest
from world import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def b2b(events: Events) -> B2B:
    world = build_b2b(events)
    event = world.event
    # Registrations: anna (HU), li (CN), zoltan (HU), all enterprise; plus a pending investor and an
    # approved press guest from Germany.
    register(event, status="pending", category=ParticipantCategory.INVESTOR, country="SG")
    press = register(event, category=ParticipantCategory.PRESS, country="DE", b2b=False)
    assert press.pk
    # Requests: anna→li accepted (scheduled at table 1), zoltan→li declined, zoltan→anna expired,
    # li→zoltan still open.
    held = send(world.anna, world.li)
    accept(held)
    check_answer_request(
        request=send(world.zoltan, world.li), actor=world.li, accept=False, answer="", now=NOW
    )
    send(world.zoltan, world.anna, now=NOW - timedelta(days=30))
    expire_requests(now=NOW)
    send(world.li, world.zoltan)
    meeting = Meeting.objects.get(request=held)
    meeting.session, meeting.slot, meeting.table = events.session, 0, 1
    meeting.starts_at = events.session.starts_at
    meeting.save()
    for side, outcome, no_show in (
        (world.anna, MeetingOutcomeKind.COOPERATION_POSSIBLE, False),
        (world.li, MeetingOutcomeKind.FOLLOW_UP, False),
    ):
        check_record_outcome(
            meeting=meeting,
            registration=side,
            reported=ReportedOutcome(outcome=outcome, other_party_no_show=no_show),
            now=NOW + timedelta(days=9),
        )
    return world


def test_dashboard_figures(b2b: B2B) -> None:
    figures = build_dashboard(b2b.event)
    assert figures.registrations_by_status["approved"] == 4
    assert figures.registrations_by_status["pending"] == 1
    assert figures.approved_by_country == [("HU", 2), ("CN", 1), ("DE", 1)]
    assert figures.approved_by_category == [("enterprise", 3), ("press", 1)]
    assert figures.requests == {"sent": 1, "accepted": 1, "declined": 1, "expired": 1, "cancelled": 0}
    assert (figures.meetings_active, figures.meetings_scheduled, figures.meetings_held) == (1, 1, 1)
    # The session has 8 slots × 5 tables.
    assert (figures.table_meetings, figures.table_capacity) == (1, 40)
    assert figures.table_utilisation == pytest.approx(1 / 40)
    assert figures.outcomes["cooperation_possible"] == 1
    assert figures.outcomes["follow_up"] == 1
    assert figures.no_shows == []


def test_no_shows_are_counted_against_the_absent_side(b2b: B2B) -> None:
    request = MeetingRequest.objects.get(requester=b2b.li, recipient=b2b.zoltan)
    accept(request)
    meeting = Meeting.objects.get(request=request)
    check_record_outcome(
        meeting=meeting,
        registration=b2b.zoltan,
        reported=ReportedOutcome(outcome=MeetingOutcomeKind.NOT_HELD, other_party_no_show=True),
        now=NOW,
    )
    figures = build_dashboard(b2b.event)
    assert [(n.registration, n.reports) for n in figures.no_shows] == [(b2b.li, 1)]
    assert figures.meetings_not_held == 1


def test_the_dashboard_page_is_for_this_events_organisers_only(b2b: B2B) -> None:
    url = f"/events/{b2b.event.slug}/dashboard/"
    page = client_for(b2b.organiser).get(url)
    assert page.status_code == 200
    assert "1 / 40" in page.content.decode()
    for user in (b2b.events.world.other_operator, b2b.anna.user, b2b.outsider):
        assert client_for(user).get(url).status_code == 404
