"""A scheduler run from queued to finished (or failed, or cancelled by its organiser).

The job `events.run_schedule` (events/tasks.py) calls `do_run_schedule`.

The run row carries everything the organiser's page shows: progress while the solver works,
then the proposed placements and the figures (meetings scheduled, breaks and their proven
lower bound, the validator's violations, meetings moved by a reschedule). Nothing is
published here: the organiser reviews the result first (domain/publishing.py).
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from techbridge.accounts.models import User
from techbridge.common.jobs import enqueue_job
from techbridge.events.domain.scheduling import (
    EventProblem,
    build_event_problem,
    known_unplaced_pairs,
    placements_json,
    previous_placements,
    published_places,
)
from techbridge.events.enums import ScheduleRunKind, ScheduleRunStatus
from techbridge.events.models import ScheduleRun
from techbridge_core import scheduling as core

logger = logging.getLogger(__name__)

MIN_TIME_LIMIT_S = 2
MAX_TIME_LIMIT_S = 600
PROGRESS_EVERY_S = 0.5
MAX_VIOLATIONS_SHOWN = 50


@dataclass
class ProgressWriter:
    """Writes (fraction, message) to the run row at most twice a second.

    CP-SAT reports from its own threads, which must not open database connections of their
    own (in tests they would not even see the run): those reports wait for the job's thread.
    """

    run_id: int
    thread: int = field(default_factory=threading.get_ident)
    last_write: float = 0.0
    pending: tuple[float, str] | None = None

    def __call__(self, fraction: float, message: str) -> None:
        self.pending = (min(max(fraction, 0.0), 1.0), message[:300])
        if threading.get_ident() != self.thread or time.monotonic() - self.last_write < PROGRESS_EVERY_S:
            return
        self.flush()

    def flush(self) -> None:
        if self.pending is None:
            return
        fraction, message = self.pending
        ScheduleRun.objects.filter(pk=self.run_id).update(progress=fraction, progress_message=message)
        self.last_write = time.monotonic()
        self.pending = None


def enqueue_schedule_run(run: ScheduleRun) -> None:
    enqueue_job("events.run_schedule", run_id=run.pk)


def do_run_schedule(*, run_id: int, seed: int | None = None) -> str:
    """``seed`` defaults to the run's id (the demo passes its own, to be reproducible)."""
    claimed = ScheduleRun.objects.filter(pk=run_id, status=ScheduleRunStatus.QUEUED).update(
        status=ScheduleRunStatus.RUNNING, started_at=timezone.now(), progress=0.0, progress_message=""
    )
    if not claimed:
        return "not queued"
    run = ScheduleRun.objects.select_related("event").get(pk=run_id)
    # Every ending is written only while the run is still running: a run the organiser
    # cancelled meanwhile keeps its status.
    still_running = ScheduleRun.objects.filter(pk=run_id, status=ScheduleRunStatus.RUNNING)
    try:
        figures, placements = execute_run(run, seed=run.pk if seed is None else seed)
    except Exception as error:
        logger.exception("scheduler run %s failed", run_id)
        still_running.update(
            status=ScheduleRunStatus.FAILED,
            error=f"{type(error).__name__}: {error}"[:2000],
            finished_at=timezone.now(),
        )
        return "failed"
    finished = still_running.update(
        status=ScheduleRunStatus.FINISHED,
        placements=placements,
        figures=figures,
        progress=1.0,
        finished_at=timezone.now(),
    )
    return "finished" if finished else "cancelled"


def fail_lost_run(*, run_id: int, reason: str, **job_kwargs: object) -> None:
    """The worker running this run died (its lease expired): failed, so the organiser may start again."""
    ScheduleRun.objects.filter(
        pk=run_id, status__in=(ScheduleRunStatus.QUEUED, ScheduleRunStatus.RUNNING)
    ).update(status=ScheduleRunStatus.FAILED, error=reason[:2000], finished_at=timezone.now())


def can_cancel_run(run: ScheduleRun) -> bool:
    return run.status in (ScheduleRunStatus.QUEUED, ScheduleRunStatus.RUNNING)


def do_cancel_run(*, run: ScheduleRun, by: User) -> bool:
    """Stop a queued or running run (it ends as failed, saying who cancelled it); False if it had ended."""
    message = _("Cancelled by %(name)s.") % {"name": by.display_name}
    return bool(
        ScheduleRun.objects.filter(
            pk=run.pk, status__in=(ScheduleRunStatus.QUEUED, ScheduleRunStatus.RUNNING)
        ).update(status=ScheduleRunStatus.FAILED, error=message, finished_at=timezone.now())
    )


def execute_run(run: ScheduleRun, *, seed: int) -> tuple[dict[str, object], dict[str, list[int | None]]]:
    """Solve (FULL) or repair (RESCHEDULE) the event's schedule; the figures and placements."""
    progress = ProgressWriter(run.pk)
    event = run.event
    progress(0.0, "reading the meetings")
    event_problem = build_event_problem(event)
    problem = event_problem.problem
    limit = float(min(max(run.time_limit_s, MIN_TIME_LIMIT_S), MAX_TIME_LIMIT_S))
    extra: dict[str, object] = {}
    if run.kind == ScheduleRunKind.RESCHEDULE:
        last = ScheduleRun.objects.filter(event=event, status=ScheduleRunStatus.PUBLISHED).first()
        progress(0.05, "keeping the published schedule, moving what must move")
        progress.flush()
        repaired = core.reschedule(
            problem,
            previous=previous_placements(event_problem, published_places(event)),
            previously_known=known_unplaced_pairs(event_problem, last.published_at if last else None),
            time_limit=limit,
            seed=seed,
            progress=progress,
        )
        schedule, wall_s, status = repaired.schedule, repaired.wall_s, repaired.status
        extra = {"moved": len(repaired.moved), "lower_bound_breaks": None, "gap": None}
    else:
        solved = core.solve(problem, time_limit=limit, seed=seed, progress=progress)
        schedule, wall_s, status = solved.schedule, solved.wall_s, solved.status
        extra = {
            "lower_bound_breaks": solved.lower_bound_breaks,
            "gap": round(solved.gap, 4),
            "first_solution_s": round(solved.first_solution_s, 3),
        }
    progress.flush()
    figures = (
        schedule_figures(event_problem, schedule) | extra | {"wall_s": round(wall_s, 2), "status": status}
    )
    return figures, placements_json(event_problem.places(schedule))


def schedule_figures(event_problem: EventProblem, schedule: core.Schedule) -> dict[str, object]:
    """The quality figures of the real meetings (table blockers left out) and the validator's verdict."""
    metrics = core.compute_metrics(event_problem.problem, schedule)
    violations = core.find_violations(event_problem.problem, schedule)
    real = schedule[: event_problem.n_real_meetings]
    return {
        "meetings": event_problem.n_real_meetings,
        "scheduled": sum(placement is not None for placement in real),
        "participants": len(event_problem.registration_ids),
        "breaks": metrics.breaks,
        "idle_slots": metrics.idle_slots,
        "max_breaks_per_participant": metrics.max_breaks_per_participant,
        "violations": len(violations),
        "violation_messages": [
            {"kind": str(v.kind), "message": v.message} for v in violations[:MAX_VIOLATIONS_SHOWN]
        ],
        "table_blockers": event_problem.n_blockers,
    }
