"""A scheduler run whose worker died, and a run the organiser cancels: both end as failed with a
clear message, and a new run may start at once."""

from __future__ import annotations

from datetime import timedelta

from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from events_world import Events, make_event, register
from schedule_world import make_meeting

from techbridge.common.jobs import registered_job
from techbridge.common.models import JobLease
from techbridge.common.worker import ResilientWorker, reap_lost_jobs
from techbridge.events.enums import ScheduleRunStatus
from techbridge.events.models import Event, ScheduleRun
from world import World, client_for

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _with_meetings(event: Event) -> None:
    people = [register(event) for _ in range(4)]
    make_meeting(event, people[0], people[1])
    make_meeting(event, people[2], people[3])


def _start_run(events: Events) -> ScheduleRun:
    client = client_for(events.world.operator)
    client.post(reverse("events:schedule", args=[events.event.slug]), {"kind": "full", "time_limit_s": "2"})
    return ScheduleRun.objects.filter(event=events.event).latest("pk")


def _worker() -> ResilientWorker:
    return ResilientWorker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="worker-that-dies",
        excluded_queue_names=[],
        lease_seconds=30,
    )


@override_settings(TASKS=DATABASE_TASKS)
def test_a_run_whose_worker_died_fails_with_a_clear_message_and_a_new_run_may_start(events: Events) -> None:
    _with_meetings(events.event)
    run = _start_run(events)
    registered_job("events.run_schedule").enqueue(run_id=run.pk)  # what the commit of the start does
    ScheduleRun.objects.filter(pk=run.pk).update(status=ScheduleRunStatus.RUNNING)
    claimed, _ = _worker().claim_next()  # the worker takes the job, then is killed: no heartbeat
    assert claimed is not None
    assert JobLease.objects.filter(task_result_id=str(claimed.pk)).exists()

    assert reap_lost_jobs(now=timezone.now() + timedelta(seconds=31)) == 1  # another worker, later

    run.refresh_from_db()
    assert run.status == ScheduleRunStatus.FAILED
    assert "stopped renewing its lease" in run.error
    failed = DBTaskResult.objects.get(pk=claimed.pk)
    assert failed.status == "FAILED"
    assert failed.exception_class_path == "techbridge.common.worker.JobLostError"
    assert _start_run(events).pk != run.pk


@override_settings(TASKS=DATABASE_TASKS)
def test_an_idempotent_job_of_a_dead_worker_is_queued_again(db: None) -> None:
    registered_job("market.expire_listings").enqueue()
    claimed, _ = _worker().claim_next()
    assert claimed is not None

    assert reap_lost_jobs(now=timezone.now()) == 0  # the lease still runs
    assert reap_lost_jobs(now=timezone.now() + timedelta(seconds=31)) == 1

    assert DBTaskResult.objects.get(pk=claimed.pk).status == "READY"
    assert not JobLease.objects.exists()


def test_organiser_cancels_a_queued_run_and_may_start_another(events: Events) -> None:
    _with_meetings(events.event)
    run = ScheduleRun.objects.create(event=events.event, created_at=timezone.now())
    client = client_for(events.world.operator)
    page = client.get(reverse("events:schedule_run", args=[events.event.slug, run.pk]))
    assert "Cancel this run" in page.content.decode()

    response = client.post(reverse("events:schedule_cancel", args=[events.event.slug, run.pk]), follow=True)

    run.refresh_from_db()
    assert run.status == ScheduleRunStatus.FAILED
    assert events.world.operator.display_name in run.error
    assert "Run cancelled; you may start a new one." in response.content.decode()
    assert _start_run(events).pk != run.pk


def test_cancelling_is_for_the_events_organisers_only(events: Events, world: World) -> None:
    other = make_event(world, slug="elsewhere")
    other.organising_centres.set([world.other_centre])
    run = ScheduleRun.objects.create(event=events.event, created_at=timezone.now())
    url = reverse("events:schedule_cancel", args=[events.event.slug, run.pk])
    participant = register(events.event).user

    for user in (world.other_operator, participant, world.outsider):
        assert client_for(user).post(url).status_code == 404
    assert client_for(events.world.operator).get(url).status_code == 405
    run.refresh_from_db()
    assert run.status == ScheduleRunStatus.QUEUED


def test_cancelling_a_finished_run_changes_nothing(events: Events) -> None:
    run = ScheduleRun.objects.create(
        event=events.event, created_at=timezone.now(), status=ScheduleRunStatus.FINISHED
    )
    client = client_for(events.world.operator)
    response = client.post(reverse("events:schedule_cancel", args=[events.event.slug, run.pk]), follow=True)
    run.refresh_from_db()
    assert run.status == ScheduleRunStatus.FINISHED
    assert "This run had already ended." in response.content.decode()
