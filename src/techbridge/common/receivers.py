"""The periodic schedule records what became of each run it enqueued (shown by `periodic_jobs`)."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver
from django.tasks import TaskResult
from django.tasks.signals import task_finished, task_started
from django.utils import timezone

from techbridge.common.periodic import record_finished, record_started


@receiver(task_started, dispatch_uid="common_periodic_started")
def periodic_run_started(sender: type, task_result: TaskResult[Any, Any], **kwargs: Any) -> None:
    record_started(task_result)


@receiver(task_finished, dispatch_uid="common_periodic_finished")
def periodic_run_finished(sender: type, task_result: TaskResult[Any, Any], **kwargs: Any) -> None:
    record_finished(task_result, finished_at=timezone.now())
