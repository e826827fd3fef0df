"""`manage.py run_worker`: django-tasks-db's `db_worker`, plus the periodic schedule, job leases and
reconnection when the database restarts (`techbridge.common.worker`)."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django_tasks_db.management.commands import db_worker

from techbridge.common.worker import DEFAULT_LEASE_SECONDS, ResilientWorker


class Command(db_worker.Command):
    help = "Run a background-job worker that also runs the periodic schedule"

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--lease-seconds",
            type=float,
            default=DEFAULT_LEASE_SECONDS,
            help="How long a job's lease lasts without a heartbeat (default: %(default)s)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        lease_seconds = float(options.pop("lease_seconds"))
        original = db_worker.Worker
        # The parent command builds its worker by this module-level name: ours for this call.
        db_worker.Worker = _worker_class(lease_seconds)  # type: ignore[misc]
        try:
            super().handle(*args, **options)
        finally:
            db_worker.Worker = original  # type: ignore[misc]


def _worker_class(lease_seconds: float) -> type[ResilientWorker]:
    class Worker(ResilientWorker):
        def __init__(self, **options: Any) -> None:
            super().__init__(lease_seconds=lease_seconds, **options)

    return Worker
