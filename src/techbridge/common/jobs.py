"""One way for domain code to start background work: by the job's registered name, after commit.

Task entry points sit at the top of each app (`<app>/tasks.py`), above the domain, which therefore
must not import them. Each tasks module registers its tasks here under a stable name (`@job`), its
app's `ready()` imports it, and the domain asks for a job by that name
(`enqueue_job("market.send_notification_email", notification_id=...)`). A name is looked up in this
registry, never imported by dotted path, so no code reaches a higher layer around the contracts.

A job also says what happens when its worker dies mid-run (the lease expired, `common.worker`):
an idempotent job is run again (`retry_when_lost=True`); any other is marked failed, and its
`on_lost` handler (a domain function taking the job's keyword arguments and a `reason`) lets the
app record the failure on its own rows (a scheduler run becomes "failed").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.tasks import Task

type LostHandler = Callable[..., object]


@dataclass(frozen=True)
class RegisteredJob:
    name: str
    task: Task[Any, Any]
    retry_when_lost: bool = False
    on_lost: LostHandler | None = None


_REGISTRY: dict[str, RegisteredJob] = {}


def job(
    name: str, *, retry_when_lost: bool = False, on_lost: LostHandler | None = None
) -> Callable[[Task[Any, Any]], Task[Any, Any]]:
    """Register a task under `name` (`<app>.<what it does>`); stack it above `@task()`."""

    def register(task: Task[Any, Any]) -> Task[Any, Any]:
        known = _REGISTRY.get(name)
        if known is not None and known.task.module_path != task.module_path:
            raise ImproperlyConfigured(f"Two background jobs are named {name!r}.")
        _REGISTRY[name] = RegisteredJob(name, task, retry_when_lost=retry_when_lost, on_lost=on_lost)
        return task

    return register


def registered_job(name: str) -> Task[Any, Any]:
    return job_entry(name).task


def job_entry(name: str) -> RegisteredJob:
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY)) or "none"
        raise LookupError(f"No background job is named {name!r} (registered: {known}).") from None


def job_for_task_path(module_path: str) -> RegisteredJob | None:
    """The registered job whose task lives at `module_path` (how a stored task result names it)."""
    return next((entry for entry in _REGISTRY.values() if entry.task.module_path == module_path), None)


def registered_jobs() -> dict[str, Task[Any, Any]]:
    return {name: entry.task for name, entry in _REGISTRY.items()}


def enqueue_job(name: str, /, **kwargs: Any) -> None:
    """Enqueue the job once the current transaction commits (at once outside a transaction).

    A job enqueued from inside a transaction that rolls back never runs, and a worker never
    picks up a job whose rows it could not yet see.
    """
    task = registered_job(name)
    transaction.on_commit(lambda: task.enqueue(**kwargs))
