"""The periodic schedule: jobs declared next to the tasks, enqueued by the workers when due.

Each app's tasks.py declares its recurring jobs (`periodic("market.expire_listings", every=...)`);
every worker calls `enqueue_due_jobs` in its loop (`common.worker`). A due job is claimed by a
compare-and-set UPDATE of its `next_run_at` inside the transaction that enqueues it, so with
several workers on several machines a run scheduled once is enqueued once. Why not a library:
docs/decisions/0013-periodic-jobs.md.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from croniter import croniter
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import F
from django.tasks import TaskResult

from techbridge.common.jobs import registered_job
from techbridge.common.models import PeriodicJob

logger = logging.getLogger(__name__)

MAX_RESULT_CHARS = 500


@dataclass(frozen=True)
class Schedule:
    """When one job runs: every `every`, or at the times of the cron expression `cron` (UTC)."""

    name: str
    job_name: str
    every: timedelta | None = None
    cron: str = ""
    kwargs: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if (self.every is None) == (not self.cron):
            raise ImproperlyConfigured(f"Periodic job {self.name!r} needs either `every` or `cron`.")
        if self.every is not None and self.every <= timedelta(0):
            raise ImproperlyConfigured(f"Periodic job {self.name!r} needs a positive interval.")
        if self.cron and not croniter.is_valid(self.cron):
            raise ImproperlyConfigured(f"Periodic job {self.name!r}: invalid cron {self.cron!r}.")

    @property
    def description(self) -> str:
        if self.every is None:
            return f"cron {self.cron}"
        return f"every {_interval_text(self.every)}"

    def first_run(self, now: datetime) -> datetime:
        """Interval jobs run as soon as a worker sees them; cron jobs at their next time."""
        return now if self.every is not None else self.next_run(now)

    def next_run(self, now: datetime) -> datetime:
        if self.every is not None:
            return now + self.every
        following: datetime = croniter(self.cron, now).get_next(datetime)
        return following


def _interval_text(every: timedelta) -> str:
    seconds = int(every.total_seconds())
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds % size == 0:
            count = seconds // size
            return f"{count} {unit}{'' if count == 1 else 's'}"
    return f"{seconds} seconds"


_SCHEDULES: dict[str, Schedule] = {}


def periodic(
    name: str,
    *,
    job: str | None = None,
    every: timedelta | None = None,
    cron: str = "",
    kwargs: dict[str, Any] | None = None,
) -> Schedule:
    """Declare a recurring run of the registered job `job` (default: `name`) with `kwargs`."""
    schedule = Schedule(name, job or name, every=every, cron=cron, kwargs=dict(kwargs or {}))
    known = _SCHEDULES.get(name)
    if known is not None and known != schedule:
        raise ImproperlyConfigured(f"Two periodic jobs are named {name!r}.")
    _SCHEDULES[name] = schedule
    return schedule


def declared_schedules() -> dict[str, Schedule]:
    return dict(_SCHEDULES)


def sync_schedule(*, now: datetime) -> None:
    """Give every declared job its row (first run from its schedule) and keep descriptions current."""
    stored = {row.name: row for row in PeriodicJob.objects.filter(name__in=_SCHEDULES)}
    for name, schedule in _SCHEDULES.items():
        row = stored.get(name)
        if row is None:
            PeriodicJob.objects.get_or_create(
                name=name,
                defaults={
                    "job_name": schedule.job_name,
                    "schedule": schedule.description,
                    "next_run_at": schedule.first_run(now),
                },
            )
        elif (row.job_name, row.schedule) != (schedule.job_name, schedule.description):
            PeriodicJob.objects.filter(pk=row.pk).update(
                job_name=schedule.job_name, schedule=schedule.description, next_run_at=schedule.first_run(now)
            )


def enqueue_due_jobs(*, now: datetime) -> list[str]:
    """Enqueue every declared job whose time has come; the names this worker enqueued."""
    enqueued = []
    due = PeriodicJob.objects.filter(name__in=_SCHEDULES, next_run_at__lte=now).order_by("next_run_at")
    for row in due:
        schedule = _SCHEDULES[row.name]
        with transaction.atomic():
            claimed = PeriodicJob.objects.filter(pk=row.pk, next_run_at=row.next_run_at).update(
                next_run_at=schedule.next_run(now),
                last_run_at=now,
                last_outcome="enqueued",
                last_result="",
                last_finished_at=None,
                runs=F("runs") + 1,
            )
            if not claimed:
                continue  # another worker took this run
            result = registered_job(schedule.job_name).enqueue(**schedule.kwargs)
            PeriodicJob.objects.filter(pk=row.pk).update(last_task_result_id=str(result.id))
        logger.info("periodic job %s enqueued (task %s)", row.name, result.id)
        enqueued.append(row.name)
    return enqueued


def _may_be_periodic(task_result: TaskResult[Any, Any]) -> bool:
    """Only tasks of scheduled jobs can be periodic runs: others cost no query."""
    scheduled = {registered_job(schedule.job_name).module_path for schedule in _SCHEDULES.values()}
    return task_result.task.module_path in scheduled


def record_started(task_result: TaskResult[Any, Any]) -> None:
    if _may_be_periodic(task_result):
        PeriodicJob.objects.filter(last_task_result_id=str(task_result.id)).update(last_outcome="running")


def record_finished(task_result: TaskResult[Any, Any], *, finished_at: datetime) -> None:
    """Store the outcome of a periodic run (`SUCCESSFUL` with its return value, or `FAILED`)."""
    if not _may_be_periodic(task_result):
        return
    rows = PeriodicJob.objects.filter(last_task_result_id=str(task_result.id))
    if not rows.exists():
        return
    if task_result.status == "SUCCESSFUL":
        summary = repr(task_result.return_value)
    else:
        summary = task_result.errors[-1].traceback.strip().splitlines()[-1] if task_result.errors else ""
    rows.update(
        last_outcome=str(task_result.status).lower(),
        last_result=summary[:MAX_RESULT_CHARS],
        last_finished_at=finished_at,
    )
