"""Scheduler runs end to end: the job, the organiser's pages, publishing, rescheduling, notifications."""

from __future__ import annotations

from datetime import time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from events_world import Events, make_event, register
from schedule_world import make_meeting, run_now

from techbridge.accounts.models import User
from techbridge.events.domain.publishing import ConfirmationNeededError, PublishError, do_publish_run
from techbridge.events.enums import MeetingStatus, NotificationKind, ScheduleRunKind, ScheduleRunStatus
from techbridge.events.models import BlockedTime, Event, Meeting, MeetingSeat, Registration, ScheduleRun
from techbridge.notifications.models import Notification
from world import World, client_for


def _meetings(event: Event, participants: int = 6) -> tuple[list[Registration], list[Meeting]]:
    people = [register(event) for _ in range(participants)]
    meetings = [
        make_meeting(event, people[i], people[j])
        for i in range(participants)
        for j in range(i + 1, participants)
        if (i + j) % 2
    ]
    return people, meetings


def _publish(run: ScheduleRun, by: User) -> None:
    do_publish_run(run=run, by=by, now=timezone.now(), confirmed=True)


def test_organiser_starts_a_run_that_finishes_with_a_valid_schedule(
    events: Events, django_capture_on_commit_callbacks: object
) -> None:
    _people, meetings = _meetings(events.event)
    client = client_for(events.world.operator)

    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        response = client.post(
            reverse("events:schedule", args=[events.event.slug]), {"kind": "full", "time_limit_s": "2"}
        )

    run = ScheduleRun.objects.get(event=events.event)
    assert response.status_code == 302
    assert run.status == ScheduleRunStatus.FINISHED, run.error
    assert run.figures["scheduled"] == run.figures["meetings"] == len(meetings)
    assert run.figures["violations"] == 0
    assert run.progress == 1.0
    assert set(run.placements) == {str(m.pk) for m in meetings}
    page = client.get(reverse("events:schedule_run", args=[events.event.slug, run.pk]))
    assert page.status_code == 200
    assert "Publish this schedule" in page.content.decode()


def test_time_limit_is_bounded_and_bad_input_is_a_form_error(events: Events) -> None:
    client = client_for(events.world.operator)

    response = client.post(
        reverse("events:schedule", args=[events.event.slug]), {"kind": "full", "time_limit_s": "99999"}
    )

    assert response.status_code == 400
    assert not ScheduleRun.objects.exists()


def test_organisers_of_another_event_and_participants_get_404(events: Events, world: World) -> None:
    other = make_event(world, slug="elsewhere")
    other.organising_centres.set([world.other_centre])
    run = ScheduleRun.objects.create(event=events.event, created_at=timezone.now())
    participant = register(events.event).user

    for user in (world.other_operator, participant, world.outsider):
        client = client_for(user)
        assert client.get(reverse("events:schedule", args=[events.event.slug])).status_code == 404
        assert client.get(reverse("events:schedule_run", args=[events.event.slug, run.pk])).status_code == 404
        assert (
            client.post(reverse("events:schedule_publish", args=[events.event.slug, run.pk])).status_code
            == 404
        )


def test_publish_writes_places_and_seats_and_the_database_refuses_double_bookings(events: Events) -> None:
    _people, meetings = _meetings(events.event)
    run = run_now(events.event)

    _publish(run, events.world.operator)

    run.refresh_from_db()
    assert run.status == ScheduleRunStatus.PUBLISHED
    assert MeetingSeat.objects.count() == 2 * len(meetings)
    placed = Meeting.objects.filter(event=events.event)
    assert all(m.session_id == events.session.pk and m.table is not None and m.starts_at for m in placed)
    first = placed[0]
    other = next(
        m
        for m in placed
        if m.first_id not in (first.first_id, first.second_id) and m.starts_at != first.starts_at
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingSeat.objects.create(meeting=other, registration_id=first.first_id, starts_at=first.starts_at)
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.filter(pk=other.pk).update(slot=first.slot, table=first.table)


def test_publish_fails_cleanly_when_the_database_refuses(events: Events) -> None:
    people, _unused = _meetings(events.event)
    clash_a = make_meeting(events.event, people[0], people[2])
    clash_b = make_meeting(events.event, people[1], people[3])
    # A run tampered with behind the scheduler's back: two meetings at one table in one slot.
    session = events.session.pk
    run = ScheduleRun.objects.create(
        event=events.event,
        status=ScheduleRunStatus.FINISHED,
        placements={str(clash_a.pk): [session, 0, 1], str(clash_b.pk): [session, 0, 1]},
        figures={"violations": 0},
        created_at=timezone.now(),
    )

    with pytest.raises(PublishError):
        _publish(run, events.world.operator)

    run.refresh_from_db()
    assert run.status == ScheduleRunStatus.FINISHED
    assert not MeetingSeat.objects.exists()
    assert not Meeting.objects.filter(starts_at__isnull=False).exists()
    assert not Notification.objects.exists()


def test_reschedule_after_a_cancellation_moves_nothing_else_and_notifies_only_the_parties(
    events: Events,
) -> None:
    _people, meetings = _meetings(events.event)
    first_run = run_now(events.event)
    _publish(first_run, events.world.operator)
    before = {m.pk: (m.slot, m.table) for m in Meeting.objects.filter(event=events.event)}
    Notification.objects.all().delete()
    cancelled = meetings[0]
    Meeting.objects.filter(pk=cancelled.pk).update(status=MeetingStatus.CANCELLED)

    second = run_now(events.event, kind=ScheduleRunKind.RESCHEDULE)
    _publish(second, events.world.operator)

    first_run.refresh_from_db()
    assert second.figures["moved"] == 0
    assert first_run.status == ScheduleRunStatus.SUPERSEDED
    after = {
        m.pk: (m.slot, m.table)
        for m in Meeting.objects.filter(event=events.event, status=MeetingStatus.ACTIVE)
    }
    assert after == {pk: place for pk, place in before.items() if pk != cancelled.pk}
    notified = set(Notification.objects.values_list("recipient_id", flat=True))
    assert notified == {cancelled.first.user_id, cancelled.second.user_id}
    assert all(n.kind == NotificationKind.MEETING_SCHEDULE for n in Notification.objects.all())


def test_someone_called_away_for_a_slot_moves_only_that_meeting_with_old_and_new_times(
    events: Events,
) -> None:
    people, _unused = _meetings(events.event, participants=4)
    run = run_now(events.event)
    _publish(run, events.world.operator)
    leaver = people[0]
    theirs = Meeting.objects.filter(first=leaver) | Meeting.objects.filter(second=leaver)
    last = max(m.starts_at for m in theirs if m.starts_at)
    BlockedTime.objects.create(registration=leaver, starts_at=last, ends_at=last + timedelta(minutes=30))
    Notification.objects.all().delete()

    second = run_now(events.event, kind=ScheduleRunKind.RESCHEDULE)
    _publish(second, events.world.operator)

    assert second.figures["moved"] == 1
    assert second.figures["violations"] == 0
    assert not MeetingSeat.objects.filter(registration=leaver, starts_at=last).exists()
    assert MeetingSeat.objects.filter(registration=leaver).count() == theirs.count()
    notice = Notification.objects.filter(recipient=leaver.user).get()
    assert "→" in notice.body
    assert reverse("events:agenda", args=[events.event.slug]) == notice.url


def test_first_publication_notifies_every_participant_in_their_language(events: Events) -> None:
    hungarian = register(events.event, user=None)
    hungarian.user.preferred_language = "hu"
    hungarian.user.save()
    make_meeting(events.event, hungarian, register(events.event))

    _publish(run_now(events.event), events.world.operator)

    assert Notification.objects.count() == 2
    assert Notification.objects.filter(
        recipient=hungarian.user, kind=NotificationKind.MEETING_SCHEDULE
    ).exists()


def test_progress_is_polled_while_running_and_the_page_reloads_when_done(events: Events) -> None:
    run = ScheduleRun.objects.create(
        event=events.event,
        status=ScheduleRunStatus.RUNNING,
        progress=0.4,
        progress_message="annealing",
        created_at=timezone.now(),
    )
    client = client_for(events.world.operator)
    url = reverse("events:schedule_run", args=[events.event.slug, run.pk])

    running = client.get(url, headers={"HX-Request": "true"})
    ScheduleRun.objects.filter(pk=run.pk).update(status=ScheduleRunStatus.FAILED, error="RuntimeError: boom")
    failed = client.get(url, headers={"HX-Request": "true"})

    assert 'hx-trigger="every 1s"' in running.content.decode()
    assert "Removing breaks between meetings" in running.content.decode()  # the stage, in the reader's words
    assert "HX-Refresh" not in running
    assert failed["HX-Refresh"] == "true"
    assert "boom" in failed.content.decode()
    ScheduleRun.objects.filter(pk=run.pk).update(status=ScheduleRunStatus.QUEUED, error="")
    assert "background worker" in client.get(url, headers={"HX-Request": "true"}).content.decode()


def test_a_new_accepted_request_is_added_without_moving_anyone(events: Events) -> None:
    people, _unused = _meetings(events.event, participants=5)
    _publish(run_now(events.event), events.world.operator)
    before = {m.pk: (m.starts_at, m.table) for m in Meeting.objects.filter(event=events.event)}
    newcomer = register(events.event)
    added = make_meeting(events.event, newcomer, people[0])
    Notification.objects.all().delete()

    second = run_now(events.event, kind=ScheduleRunKind.RESCHEDULE)
    _publish(second, events.world.operator)

    after = {m.pk: (m.starts_at, m.table) for m in Meeting.objects.filter(event=events.event)}
    assert second.figures["moved"] == 0
    assert second.figures["scheduled"] == len(after)
    assert {pk: after[pk] for pk in before} == before
    assert after[added.pk][0] is not None
    assert set(Notification.objects.values_list("recipient_id", flat=True)) == {
        newcomer.user_id,
        people[0].user_id,
    }


def test_remote_participants_read_old_and_new_times_in_their_own_zone_too(events: Events) -> None:
    remote = register(
        events.event,
        remote=True,
        time_zone="Europe/Budapest",
        work_day_start=time(0),
        work_day_end=time(23, 59),
    )
    make_meeting(events.event, remote, register(events.event))

    _publish(run_now(events.event), events.world.operator)

    notice = Notification.objects.get(recipient=remote.user)
    meeting = Meeting.objects.get(first=remote)
    assert meeting.starts_at is not None
    assert f"{meeting.starts_at.astimezone(ZoneInfo('Europe/Budapest')):%H:%M} your time" in notice.body
    assert "online" in notice.body


def test_meetings_of_participants_who_cancelled_their_registration_are_left_out(events: Events) -> None:
    people, meetings = _meetings(events.event, participants=4)
    Registration.objects.filter(pk=people[0].pk).update(status="cancelled")

    run = run_now(events.event)

    theirs = {m.pk for m in meetings if people[0].pk in (m.first_id, m.second_id)}
    assert theirs
    assert not theirs & {int(pk) for pk in run.placements}
    assert run.figures["meetings"] == len(meetings) - len(theirs)


def test_a_dead_run_does_not_block_new_ones_for_ever(events: Events) -> None:
    make_meeting(events.event, register(events.event), register(events.event))
    ScheduleRun.objects.create(
        event=events.event, status=ScheduleRunStatus.RUNNING, created_at=timezone.now() - timedelta(hours=2)
    )
    ScheduleRun.objects.create(
        event=events.event, status=ScheduleRunStatus.RUNNING, created_at=timezone.now()
    )
    client = client_for(events.world.operator)
    url = reverse("events:schedule", args=[events.event.slug])

    blocked = client.post(url, {"kind": "full", "time_limit_s": "2"})
    ScheduleRun.objects.filter(created_at__gt=timezone.now() - timedelta(minutes=1)).delete()
    allowed = client.post(url, {"kind": "full", "time_limit_s": "2"})

    assert blocked.status_code == 400
    assert "already under way" in blocked.content.decode()
    assert allowed.status_code == 302


def _published_pair_then_a_run_swapping_them(events: Events) -> tuple[list[Meeting], ScheduleRun]:
    """Two meetings of four different people, published; then a finished run that swaps their places."""
    people = [register(events.event) for _ in range(4)]
    meetings = [
        make_meeting(events.event, people[0], people[1]),
        make_meeting(events.event, people[2], people[3]),
    ]
    _publish(run_now(events.event), events.world.operator)
    second = run_now(events.event)
    first_key, second_key = str(meetings[0].pk), str(meetings[1].pk)
    placements = dict(second.placements)
    placements[first_key], placements[second_key] = placements[second_key], placements[first_key]
    second.placements = placements
    second.save(update_fields=["placements"])
    return meetings, second


def test_after_publication_the_default_run_is_a_rescheduling(events: Events) -> None:
    client = client_for(events.world.operator)
    url = reverse("events:schedule", args=[events.event.slug])
    assert 'value="full" selected' in client.get(url).content.decode()
    make_meeting(events.event, register(events.event), register(events.event))
    _publish(run_now(events.event), events.world.operator)

    page = client.get(url).content.decode()

    assert 'value="reschedule" selected' in page


def test_a_run_moving_published_meetings_is_not_published_without_confirmation(events: Events) -> None:
    _meetings_swapped, run = _published_pair_then_a_run_swapping_them(events)
    before = {m.pk: m.starts_at for m in Meeting.objects.filter(event=events.event)}
    Notification.objects.all().delete()

    with pytest.raises(ConfirmationNeededError) as raised:
        do_publish_run(run=run, by=events.world.operator, now=timezone.now())

    run.refresh_from_db()
    assert raised.value.impact.moved == 2
    assert len(raised.value.impact.notified) == 4
    assert run.status == ScheduleRunStatus.FINISHED
    assert {m.pk: m.starts_at for m in Meeting.objects.filter(event=events.event)} == before
    assert not Notification.objects.exists()


def test_publishing_asks_with_the_moves_and_the_people_notified_then_publishes_on_confirm(
    events: Events,
) -> None:
    meetings, run = _published_pair_then_a_run_swapping_them(events)
    Notification.objects.all().delete()
    client = client_for(events.world.operator)
    url = reverse("events:schedule_publish", args=[events.event.slug, run.pk])
    names = [m.first.user.display_name for m in meetings] + [m.second.user.display_name for m in meetings]

    review = client.get(reverse("events:schedule_run", args=[events.event.slug, run.pk])).content.decode()
    asked = client.post(url)

    run.refresh_from_db()
    page = asked.content.decode()
    assert "Publishing moves 2 meetings" in review
    assert asked.status_code == 200
    assert "Publishing moves 2 meetings" in page
    assert "4 participants will be notified" in page
    assert all(name in page for name in names)
    assert 'name="confirm" value="yes"' in page
    assert run.status == ScheduleRunStatus.FINISHED
    assert not Notification.objects.exists()

    done = client.post(url, {"confirm": "yes"})

    run.refresh_from_db()
    assert done.status_code == 302
    assert run.status == ScheduleRunStatus.PUBLISHED
    assert Notification.objects.count() == 4


def test_a_run_that_only_adds_meetings_publishes_without_asking(events: Events) -> None:
    make_meeting(events.event, register(events.event), register(events.event))
    client = client_for(events.world.operator)
    run = run_now(events.event)

    response = client.post(reverse("events:schedule_publish", args=[events.event.slug, run.pk]))

    run.refresh_from_db()
    assert response.status_code == 302
    assert run.status == ScheduleRunStatus.PUBLISHED
