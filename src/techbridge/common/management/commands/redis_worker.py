from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import close_old_connections
from django.tasks import DEFAULT_TASK_QUEUE_NAME, task_backends

from techbridge.common.redis_tasks import RedisBackend


class Command(BaseCommand):
    help = "Run background jobs from Redis (when TECHBRIDGE_TASKS_BACKEND=redis)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--queue", default=DEFAULT_TASK_QUEUE_NAME)
        parser.add_argument("--burst", action="store_true", help="Stop when the queue is empty.")
        parser.add_argument("--backend", default="default")

    def handle(self, *args: Any, **options: Any) -> None:
        backend = task_backends[options["backend"]]
        if not isinstance(backend, RedisBackend):
            raise CommandError("The tasks backend is not Redis: set TECHBRIDGE_TASKS_BACKEND=redis.")
        worker_id, queue = backend.new_worker_id(), options["queue"]
        backend.heartbeat(worker_id)
        reclaimed = backend.reclaim_orphans(queue)
        self.stdout.write(f"Worker {worker_id} on queue {queue!r}; {reclaimed} orphaned job(s) put back.")
        while True:
            backend.heartbeat(worker_id)
            result_id = backend.take(worker_id, queue, timeout=1 if options["burst"] else 5)
            if result_id is None:
                if options["burst"]:
                    return
                continue
            close_old_connections()
            result = backend.run(worker_id, queue, result_id)
            self.stdout.write(f"{result.task.module_path} {result.id}: {result.status}")
