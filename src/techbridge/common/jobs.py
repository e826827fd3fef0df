"""One way for domain code to start background work: by the job's registered name, after commit.

Task entry points sit at the top of each app (`<app>/tasks.py`), above the domain, which therefore
must not import them. Each tasks module registers its tasks here under a stable name (`@job`), its
app's `ready()` imports it, and the domain asks for a job by that name
(`enqueue_job("market.send_notification_email", notification_id=...)`). A name is looked up in this
registry, never imported by dotted path, so no code reaches a higher layer around the contracts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.tasks import Task

_REGISTRY: dict[str, Task[Any, Any]] = {}


def job(name: str) -> Callable[[Task[Any, Any]], Task[Any, Any]]:
    """Register a task under `name` (`<app>.<what it does>`); stack it above `@task()`."""

    def register(task: Task[Any, Any]) -> Task[Any, Any]:
        known = _REGISTRY.get(name)
        if known is not None and known.module_path != task.module_path:
            raise ImproperlyConfigured(f"Two background jobs are named {name!r}.")
        _REGISTRY[name] = task
        return task

    return register


def registered_job(name: str) -> Task[Any, Any]:
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY)) or "none"
        raise LookupError(f"No background job is named {name!r} (registered: {known}).") from None


def registered_jobs() -> dict[str, Task[Any, Any]]:
    return dict(_REGISTRY)


def enqueue_job(name: str, /, **kwargs: Any) -> None:
    """Enqueue the job once the current transaction commits (at once outside a transaction).

    A job enqueued from inside a transaction that rolls back never runs, and a worker never
    picks up a job whose rows it could not yet see.
    """
    task = registered_job(name)
    transaction.on_commit(lambda: task.enqueue(**kwargs))
