"""The job worker: django-tasks-db's loop, made to survive a database restart and a lost worker.

On top of `django_tasks_db`'s `Worker` it
- runs the periodic schedule (`common.periodic`): every worker enqueues due jobs, once each;
- gives each claimed job a lease that a heartbeat thread renews; a job whose lease expired (its
  worker was killed or its machine lost) is run again when its job is declared idempotent
  (`job(..., retry_when_lost=True)`) or marked failed with a message saying why, and its app's
  `on_lost` handler records the failure on its own rows (a scheduler run becomes "failed");
- waits and reconnects when the database goes away instead of exiting.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import datetime, timedelta
from typing import Any

from django.db import DatabaseError, OperationalError, close_old_connections, connections, transaction
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.compat import task_backends, task_finished
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from techbridge.common.jobs import job_for_task_path
from techbridge.common.models import JobLease
from techbridge.common.periodic import enqueue_due_jobs, sync_schedule

logger = logging.getLogger(__name__)

DEFAULT_LEASE_SECONDS = 60.0
MAX_ATTEMPTS = 3
MAX_RECONNECT_WAIT_S = 10.0
HOUSEKEEPING_EVERY_S = 5.0


class JobLostError(Exception):
    """Stored as the failure of a job whose worker stopped renewing its lease."""


class Heartbeat(threading.Thread):
    """Renews one job's lease every third of its length while the job runs."""

    def __init__(self, *, task_result_id: str, lease: timedelta) -> None:
        super().__init__(name=f"lease-{task_result_id}", daemon=True)
        self.task_result_id = task_result_id
        self.lease = lease
        self.finished = threading.Event()

    def run(self) -> None:
        try:
            while not self.finished.wait(self.lease.total_seconds() / 3):
                self.renew()
        finally:
            connections.close_all()  # this thread's own connections

    def renew(self) -> None:
        try:
            JobLease.objects.filter(task_result_id=self.task_result_id).update(
                expires_at=timezone.now() + self.lease
            )
        except DatabaseError:
            logger.warning("could not renew the lease of job %s; will try again", self.task_result_id)
            connections.close_all()

    def stop(self) -> None:
        self.finished.set()
        self.join()


class ResilientWorker(Worker):
    def __init__(self, *, lease_seconds: float = DEFAULT_LEASE_SECONDS, **options: Any) -> None:
        super().__init__(**options)
        self.lease = timedelta(seconds=lease_seconds)
        self.last_housekeeping = float("-inf")
        self.reconnect_wait = 0.0

    def run(self) -> None:
        logger.info("Starting worker worker_id=%s queues=%s", self.worker_id, ",".join(self.queue_names))
        while self.running:
            try:
                if not self.step():
                    return
            except DatabaseError as error:
                if isinstance(error, OperationalError) and is_locked_database_exception(error):
                    continue
                if self.batch:
                    raise  # a one-off run reports the error; a long-lived worker waits it out
                self.wait_for_database(error)
            else:
                self.reconnect_wait = 0.0

    def wait_for_database(self, error: DatabaseError) -> None:
        self.reconnect_wait = min(max(self.reconnect_wait * 2, 0.5), MAX_RECONNECT_WAIT_S)
        logger.warning("database unavailable (%s); retrying in %.1f s", error, self.reconnect_wait)
        connections.close_all()
        time.sleep(self.reconnect_wait)

    def step(self) -> bool:
        """One turn of the loop: schedule, reap, run one job. False when the worker should stop."""
        close_old_connections()
        self.housekeeping()
        task_result, retrieved = self.claim_next()
        if task_result is not None:
            self.run_task(task_result)
        if self.batch and retrieved and task_result is None:
            logger.info("No more tasks to run for worker_id=%s - exiting gracefully.", self.worker_id)
            return False
        if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
            return False
        close_old_connections()
        if self.running and task_result is None:
            time.sleep(self.interval)
        return True

    def housekeeping(self) -> None:
        if time.monotonic() - self.last_housekeeping < HOUSEKEEPING_EVERY_S and not self.batch:
            return
        now = timezone.now()
        sync_schedule(now=now)
        enqueue_due_jobs(now=now)
        reap_lost_jobs(now=now)
        self.last_housekeeping = time.monotonic()

    def claim_next(self) -> tuple[DBTaskResult[Any, Any] | None, bool]:
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        try:
            with exclusive_transaction(tasks.db):
                task_result = tasks.get_locked()
                if task_result is not None:
                    task_result.claim(self.worker_id)
                    now = timezone.now()
                    JobLease.objects.update_or_create(
                        task_result_id=str(task_result.id),
                        defaults={
                            "worker_id": self.worker_id,
                            "task_path": task_result.task_path,
                            "started_at": now,
                            "expires_at": now + self.lease,
                        },
                    )
        except DatabaseError as error:
            if isinstance(error, OperationalError) and is_locked_database_exception(error):
                return None, False
            raise
        return task_result, True

    def run_task(self, db_task_result: DBTaskResult[Any, Any]) -> None:
        task_result_id = str(db_task_result.id)
        heartbeat = Heartbeat(task_result_id=task_result_id, lease=self.lease)
        heartbeat.start()
        try:
            super().run_task(db_task_result)
        finally:
            heartbeat.stop()
        JobLease.objects.filter(task_result_id=task_result_id, worker_id=self.worker_id).delete()


def reap_lost_jobs(*, now: datetime) -> int:
    """Retry or fail every running job whose lease expired; how many were handled."""
    handled = 0
    for lease in JobLease.objects.filter(expires_at__lt=now).order_by("expires_at"):
        with transaction.atomic():
            # Compare-and-set: of several workers, only the one that removes the lease handles it.
            removed, _ = JobLease.objects.filter(pk=lease.pk, expires_at=lease.expires_at).delete()
            result = DBTaskResult.objects.filter(pk=lease.task_result_id, status=TaskResultStatus.RUNNING)
            db_result = result.first() if removed else None
            if db_result is None:
                continue
            handle_lost_job(db_result, lease=lease)
        handled += 1
    return handled


def handle_lost_job(db_result: DBTaskResult[Any, Any], *, lease: JobLease) -> None:
    entry = job_for_task_path(db_result.task_path)
    name = entry.name if entry else db_result.task_path
    if entry is not None and entry.retry_when_lost and len(db_result.worker_ids) < MAX_ATTEMPTS:
        DBTaskResult.objects.filter(pk=db_result.pk).update(status=TaskResultStatus.READY, started_at=None)
        logger.warning("job %s (%s) lost by worker %s: queued again", name, db_result.pk, lease.worker_id)
        return
    reason = (
        f"The worker {lease.worker_id} running this job stopped renewing its lease "
        f"(last renewed until {lease.expires_at:%Y-%m-%d %H:%M:%S} UTC): it was killed or lost. "
        "The job was not finished."
    )
    db_result.set_failed(JobLostError(reason))
    logger.warning("job %s (%s) lost by worker %s: marked failed", name, db_result.pk, lease.worker_id)
    if entry is not None and entry.on_lost is not None:
        entry.on_lost(**db_result.args_kwargs.get("kwargs", {}), reason=reason)
    backend = task_backends[db_result.backend_name]
    if isinstance(backend, DatabaseBackend):
        task_finished.send(sender=type(backend), task_result=db_result.task_result)
