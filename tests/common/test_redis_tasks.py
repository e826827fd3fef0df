"""The Redis-backed jobs backend against the real Redis server on 127.0.0.1:6379."""

from __future__ import annotations

import os
from collections.abc import Iterator
from io import StringIO

import pytest
import redis
from django.core.management import call_command
from django.tasks import TaskResultStatus, task_backends
from django.test import override_settings

from techbridge.common.redis_tasks import PREFIX

REDIS_URL = "redis://127.0.0.1:6379/15"
SETTINGS = {
    "default": {"BACKEND": "techbridge.common.redis_tasks.RedisBackend", "OPTIONS": {"URL": REDIS_URL}}
}


@pytest.fixture
def redis_backend() -> Iterator[object]:
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError:
        if os.environ.get("CI"):
            raise
        pytest.skip("!!! Redis is not reachable at 127.0.0.1:6379: the Redis backend tests are SKIPPED")
    for key in client.scan_iter(f"{PREFIX}:*"):
        client.delete(key)
    with override_settings(TASKS=SETTINGS):
        yield task_backends["default"]
    for key in client.scan_iter(f"{PREFIX}:*"):
        client.delete(key)


def _work() -> str:
    output = StringIO()
    call_command("redis_worker", "--burst", stdout=output)
    return output.getvalue()


def test_enqueued_job_waits_until_a_worker_runs_it(redis_backend: object) -> None:
    from redis_jobs import add

    enqueued = add.enqueue(2, 3)
    waiting = add.get_result(enqueued.id).status
    _work()
    done = add.get_result(enqueued.id)

    assert (waiting, done.status, done.return_value) == (
        TaskResultStatus.READY,
        TaskResultStatus.SUCCESSFUL,
        5,
    )


def test_failing_job_is_recorded_with_its_error(redis_backend: object) -> None:
    from redis_jobs import explode

    enqueued = explode.enqueue()
    _work()
    done = explode.get_result(enqueued.id)

    assert done.status == TaskResultStatus.FAILED
    assert done.errors[0].exception_class_path == "builtins.RuntimeError"
    assert "failed on purpose" in done.errors[0].traceback


def test_jobs_of_a_dead_worker_are_put_back_and_run(redis_backend) -> None:  # type: ignore[no-untyped-def]
    from redis_jobs import add

    enqueued = add.enqueue(20, 22)
    dead_worker = "crashed-host-1"
    taken = redis_backend.take(dead_worker, "default", timeout=1)  # taken, then the worker "dies"

    output = _work()

    assert taken == enqueued.id
    assert "1 orphaned job(s) put back" in output
    assert add.get_result(enqueued.id).return_value == 42
