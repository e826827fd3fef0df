"""`manage.py periodic_jobs`: the periodic schedule, each job's interval or cron, last and next run, outcome."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from techbridge.common.models import PeriodicJob
from techbridge.common.periodic import sync_schedule


def _when(value: Any) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else "-"


class Command(BaseCommand):
    help = "List the periodic jobs: schedule, last run, next run and last outcome"

    def handle(self, *args: Any, **options: Any) -> None:
        sync_schedule(now=timezone.now())
        rows = [("name", "schedule", "last run", "next run", "last outcome", "runs")]
        for job in PeriodicJob.objects.order_by("name"):
            outcome = f"{job.last_outcome} {job.last_result}".strip() or "-"
            rows.append(
                (
                    job.name,
                    job.schedule,
                    _when(job.last_run_at),
                    _when(job.next_run_at),
                    outcome,
                    str(job.runs),
                )
            )
        widths = [max(len(row[column]) for row in rows[:]) for column in range(len(rows[0]) - 1)]
        for row in rows:
            cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
            self.stdout.write("  ".join([*cells, row[-1]]))
