"""A Redis-backed backend for Django's Tasks framework, for deployments with several machines.

The default backend keeps jobs in the database (django-tasks-db). With many web nodes and
workers, Redis takes that load off PostgreSQL. Queues are Redis lists; a worker moves a job
id atomically into its own "processing" list (BLMOVE) and keeps a heartbeat key alive, so a
job whose worker died is put back on its queue by the next worker that starts.
Configure with TECHBRIDGE_TASKS_BACKEND=redis and TECHBRIDGE_REDIS_URL; run `manage.py redis_worker`.
"""

from __future__ import annotations

import json
import socket
from dataclasses import replace
from traceback import format_exception
from typing import Any

import redis
from django.tasks.backends.base import BaseTaskBackend
from django.tasks.base import Task, TaskError, TaskResult, TaskResultStatus
from django.tasks.exceptions import TaskResultDoesNotExist
from django.tasks.signals import task_enqueued, task_finished, task_started
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.dateparse import parse_datetime
from django.utils.json import normalize_json
from django.utils.module_loading import import_string

PREFIX = "techbridge:tasks"
HEARTBEAT_SECONDS = 30
RESULT_TTL_SECONDS = 7 * 24 * 3600


def _time(value: Any) -> str | None:
    return value.isoformat() if value else None


class RedisBackend(BaseTaskBackend):
    supports_get_result = True

    def __init__(self, alias: str, params: dict[str, Any]) -> None:
        super().__init__(alias, params)
        self.url = self.options.get("URL", "redis://127.0.0.1:6379/0")

    @property
    def client(self) -> redis.Redis:
        return redis.Redis.from_url(self.url, decode_responses=True)

    def enqueue(self, task: Task, args: Any, kwargs: Any) -> TaskResult:  # type: ignore[type-arg]
        self.validate_task(task)
        result: TaskResult[Any, Any] = TaskResult(
            task=task,
            id=get_random_string(32),
            status=TaskResultStatus.READY,
            enqueued_at=timezone.now(),
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=list(normalize_json(args)),  # type: ignore[arg-type]
            kwargs=dict(normalize_json(kwargs)),  # type: ignore[arg-type]
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
        client = self.client
        with client.pipeline() as pipeline:
            pipeline.set(self._key(result.id), self._dump(result), ex=RESULT_TTL_SECONDS)
            pipeline.lpush(self.queue_key(task.queue_name), result.id)
            pipeline.execute()
        task_enqueued.send(type(self), task_result=result)
        return result

    def get_result(self, result_id: str) -> TaskResult:  # type: ignore[type-arg]
        raw = self.client.get(self._key(result_id))
        if raw is None:
            raise TaskResultDoesNotExist(result_id)
        return self._load(str(raw))

    # -- storage ---------------------------------------------------------------------------

    def queue_key(self, queue_name: str) -> str:
        return f"{PREFIX}:queue:{queue_name}"

    def _key(self, result_id: str) -> str:
        return f"{PREFIX}:result:{result_id}"

    def _dump(self, result: TaskResult) -> str:  # type: ignore[type-arg]
        return json.dumps(
            {
                "id": result.id,
                "task": result.task.module_path,
                "queue": result.task.queue_name,
                "priority": result.task.priority,
                "status": result.status.value,
                "enqueued_at": _time(result.enqueued_at),
                "started_at": _time(result.started_at),
                "last_attempted_at": _time(result.last_attempted_at),
                "finished_at": _time(result.finished_at),
                "args": result.args,
                "kwargs": result.kwargs,
                "errors": [
                    {"class": e.exception_class_path, "traceback": e.traceback} for e in result.errors
                ],
                "worker_ids": result.worker_ids,
                "return_value": getattr(result, "_return_value", None),  # Django keeps it private
            }
        )

    def _load(self, raw: str) -> TaskResult:  # type: ignore[type-arg]
        data = json.loads(raw)
        task = import_string(data["task"])
        task = replace(task, queue_name=data["queue"], priority=data["priority"], backend=self.alias)
        result: TaskResult[Any, Any] = TaskResult(
            task=task,
            id=data["id"],
            status=TaskResultStatus(data["status"]),
            enqueued_at=parse_datetime(data["enqueued_at"]) if data["enqueued_at"] else None,
            started_at=parse_datetime(data["started_at"]) if data["started_at"] else None,
            last_attempted_at=parse_datetime(data["last_attempted_at"])
            if data["last_attempted_at"]
            else None,
            finished_at=parse_datetime(data["finished_at"]) if data["finished_at"] else None,
            args=data["args"],
            kwargs=data["kwargs"],
            backend=self.alias,
            errors=[
                TaskError(exception_class_path=e["class"], traceback=e["traceback"]) for e in data["errors"]
            ],
            worker_ids=data["worker_ids"],
        )
        object.__setattr__(result, "_return_value", data["return_value"])
        return result

    # -- worker side -----------------------------------------------------------------------

    def new_worker_id(self) -> str:
        return f"{socket.gethostname()}-{get_random_string(8)}"

    def heartbeat(self, worker_id: str) -> None:
        self.client.set(f"{PREFIX}:worker:{worker_id}", "alive", ex=HEARTBEAT_SECONDS)

    def processing_key(self, worker_id: str, queue_name: str) -> str:
        return f"{PREFIX}:processing:{queue_name}:{worker_id}"

    def reclaim_orphans(self, queue_name: str) -> int:
        """Put back the jobs of workers whose heartbeat expired (they died mid-job)."""
        client, reclaimed = self.client, 0
        for key in client.scan_iter(f"{PREFIX}:processing:{queue_name}:*"):
            worker_id = key.rsplit(":", 1)[1]
            if client.exists(f"{PREFIX}:worker:{worker_id}"):
                continue
            while client.lmove(key, self.queue_key(queue_name), "RIGHT", "LEFT") is not None:
                reclaimed += 1
        return reclaimed

    def take(self, worker_id: str, queue_name: str, timeout: int) -> str | None:
        moved = self.client.blmove(
            self.queue_key(queue_name), self.processing_key(worker_id, queue_name), timeout, "RIGHT", "LEFT"
        )
        return str(moved) if moved is not None else None

    def run(self, worker_id: str, queue_name: str, result_id: str) -> TaskResult:  # type: ignore[type-arg]
        result = self.get_result(result_id)
        started = timezone.now()
        result = replace(
            result, status=TaskResultStatus.RUNNING, started_at=started, last_attempted_at=started
        )
        result.worker_ids.append(worker_id)
        self.client.set(self._key(result_id), self._dump(result), ex=RESULT_TTL_SECONDS)
        task_started.send(type(self), task_result=result)
        try:
            value = normalize_json(result.task.call(*result.args, **result.kwargs))
            # replace() drops the private return value, so it is set on the final object
            result = replace(result, status=TaskResultStatus.SUCCESSFUL, finished_at=timezone.now())
            object.__setattr__(result, "_return_value", value)
        except Exception as error:
            result.errors.append(
                TaskError(
                    exception_class_path=f"{type(error).__module__}.{type(error).__qualname__}",
                    traceback="".join(format_exception(error)),
                )
            )
            result = replace(result, status=TaskResultStatus.FAILED, finished_at=timezone.now())
        with self.client.pipeline() as pipeline:
            pipeline.set(self._key(result_id), self._dump(result), ex=RESULT_TTL_SECONDS)
            pipeline.lrem(self.processing_key(worker_id, queue_name), 1, result_id)
            pipeline.execute()
        task_finished.send(type(self), task_result=result)
        return result
