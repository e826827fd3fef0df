"""Registration: the form, approval with notification, capacity, waiting list and promotion,
cancellation, badges, and the race for the last place."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from events_world import Events, make_event, register
from programme_world import NOW, pdf_text

from factories import make_user
from techbridge.events.domain.registration import (
    RegistrationDetails,
    RegistrationError,
    check_cancel,
    check_decide,
    check_register,
)
from techbridge.events.enums import EventStatus, NotificationKind, RegistrationStatus
from techbridge.events.models import Event, Registration
from techbridge.notifications.models import Notification
from world import World, build_world, client_for

DETAILS = RegistrationDetails(
    category="enterprise", organisation=None, country="HU", job_title="CTO", note="", b2b=True, remote=False,
    time_zone="",
)  # fmt: skip


def _register(event: Event, user=None):  # type: ignore[no-untyped-def]
    return check_register(
        event=event, user=user or make_user(), details=DETAILS, member_organisation_ids=frozenset(), now=NOW
    )


def _status(registration: Registration) -> str:
    registration.refresh_from_db()
    return registration.status


@pytest.mark.django_db
def test_the_form_registers_a_participant_awaiting_approval(events: Events) -> None:
    world = events.world
    response = client_for(world.org_member).post(
        "/events/cq-hu-2027/register/",
        {"category": "foreign_guest", "organisation": world.pending.pk, "country": "HU", "job_title": "Director",
         "b2b": "on", "remote": "on", "time_zone": "Europe/Budapest"},
    )  # fmt: skip
    assert response.status_code == 302
    registration = Registration.objects.get(event=events.event, user=world.org_member)
    assert registration.status == RegistrationStatus.PENDING
    assert registration.organisation == world.pending
    assert (registration.b2b, registration.remote, registration.time_zone) == (True, True, "Europe/Budapest")
    page = client_for(world.org_member).get("/events/cq-hu-2027/registration/").content.decode()
    assert "awaiting approval" in page


@pytest.mark.django_db
def test_the_form_refuses_other_organisations_and_remote_without_zone(events: Events) -> None:
    world = events.world
    client = client_for(world.org_member)
    response = client.post(
        "/events/cq-hu-2027/register/",
        {"category": "enterprise", "organisation": world.published.pk, "country": "HU", "remote": "on"},
    )
    text = response.content.decode()
    assert response.status_code == 400
    assert "Online participants must give their time zone." in text
    assert "Select a valid choice" in text
    assert not Registration.objects.filter(user=world.org_member).exists()


@pytest.mark.django_db
def test_closed_and_draft_events_refuse_registrations(events: Events) -> None:
    closed = make_event(events.world, slug="closed", registration_open=False)
    with pytest.raises(RegistrationError) as refused:
        _register(closed)
    assert refused.value.code == "closed"
    assert client_for(events.world.outsider).post("/events/draft-2027/register/", {}).status_code == 404


@pytest.mark.django_db
def test_approval_and_decline_notify_the_participant(events: Events) -> None:
    world = events.world
    first, second = _register(events.event, world.expert), _register(events.event, world.outsider)
    client = client_for(world.operator)
    client.post(f"/events/cq-hu-2027/registrations/{first.pk}/decide/", {"decision": "approve"})
    client.post(f"/events/cq-hu-2027/registrations/{second.pk}/decide/", {"decision": "decline"})
    assert _status(first) == RegistrationStatus.APPROVED
    assert _status(second) == RegistrationStatus.DECLINED
    assert first.decided_by == world.operator
    notices = Notification.objects.filter(kind=NotificationKind.EVENT_REGISTRATION)
    assert notices.filter(recipient=world.expert, subject__contains="approved").exists()
    assert notices.filter(recipient=world.outsider, subject__contains="declined").exists()
    with pytest.raises(RegistrationError):
        _register(events.event, world.outsider)  # declined stays declined


@pytest.mark.django_db
def test_capacity_waiting_list_and_promotion_on_cancellation(events: Events) -> None:
    event = make_event(events.world, slug="small", capacity=2, registration_requires_approval=False)
    a, b, c, d = (_register(event) for _ in range(4))
    assert [a.status, b.status, c.status, d.status] == ["approved", "approved", "waitlisted", "waitlisted"]
    check_cancel(registration=a, now=NOW)
    assert _status(a) == RegistrationStatus.CANCELLED
    assert _status(c) == RegistrationStatus.APPROVED  # first come, first served
    assert _status(d) == RegistrationStatus.WAITLISTED
    assert Notification.objects.filter(recipient=c.user, subject__contains="approved").exists()
    check_decide(registration=b, approve=False, actor=events.world.operator, now=NOW)
    assert _status(d) == RegistrationStatus.APPROVED
    late = _register(event)
    comeback = _register(event, a.user)  # cancelled earlier, registers again: behind the late one
    assert (late.status, comeback.status) == ("waitlisted", "waitlisted")
    check_cancel(registration=c, now=NOW)
    assert (_status(late), _status(comeback)) == ("approved", "waitlisted")


@pytest.mark.django_db
def test_with_approval_a_freed_place_goes_to_the_approval_queue(events: Events) -> None:
    event = make_event(events.world, slug="vetted", capacity=1)
    first, second = _register(event), _register(event)
    assert (first.status, second.status) == ("pending", "waitlisted")
    with pytest.raises(RegistrationError) as refused:
        check_decide(registration=second, approve=True, actor=events.world.operator, now=NOW)
    assert refused.value.code == "full"
    check_decide(registration=first, approve=False, actor=events.world.operator, now=NOW)
    assert _status(second) == RegistrationStatus.PENDING


@pytest.mark.django_db
def test_the_participant_cancels_and_can_register_again(events: Events) -> None:
    world = events.world
    registration = _register(events.event, world.expert)
    client = client_for(world.expert)
    assert client.post("/events/cq-hu-2027/registration/cancel/").status_code == 302
    assert _status(registration) == RegistrationStatus.CANCELLED
    with pytest.raises(RegistrationError):
        check_cancel(registration=registration, now=NOW)
    again = _register(events.event, world.expert)
    assert again.pk == registration.pk
    assert again.status == RegistrationStatus.PENDING


@pytest.mark.django_db
def test_badges_carry_the_chinese_title_and_are_only_for_approved_participants(events: Events) -> None:
    world = events.world
    mine = register(events.event, world.expert, status=RegistrationStatus.PENDING)
    client = client_for(world.expert)
    assert client.get("/events/cq-hu-2027/registration/badge.pdf").status_code == 404
    mine.status = RegistrationStatus.APPROVED
    mine.save()
    response = client.get("/events/cq-hu-2027/registration/badge.pdf", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "中匈技术交流会" in text
    assert mine.badge_code in text
    other = register(events.event)
    batch = client_for(world.operator).get(
        "/events/cq-hu-2027/registrations/badges.pdf", HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    batch_text = pdf_text(batch.content)
    assert mine.badge_code in batch_text
    assert other.badge_code in batch_text
    assert batch_text.count("中匈技术交流会") == 2


@pytest.mark.django_db
def test_the_organisers_list_filters_by_status(events: Events) -> None:
    register(events.event, events.world.expert, status=RegistrationStatus.PENDING)
    register(events.event, events.world.outsider, status=RegistrationStatus.APPROVED)
    page = client_for(events.world.operator).get("/events/cq-hu-2027/registrations/?status=pending")
    assert page.content.decode().count('id="registration-') == 1


@pytest.fixture
def threaded_world(transactional_db: None) -> World:
    return build_world()


def test_two_racing_registrations_for_the_last_place_do_not_both_get_it(threaded_world: World) -> None:
    event = make_event(
        threaded_world,
        slug="race",
        capacity=1,
        registration_requires_approval=False,
        status=EventStatus.PUBLISHED,
    )
    users = [make_user() for _ in range(6)]
    barrier = threading.Barrier(len(users))
    errors: list[BaseException] = []

    def attempt(user_id: int) -> None:
        try:
            from techbridge.accounts.models import User

            user = User.objects.get(pk=user_id)
            barrier.wait(timeout=30)
            _register(Event.objects.get(pk=event.pk), user)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(user.pk,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    statuses = sorted(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert statuses == ["approved"] + ["waitlisted"] * 5
