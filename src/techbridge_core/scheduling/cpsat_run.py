"""Run a CP-SAT model with our parameters and report solutions as they arrive."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

# (fraction done, message): lets a background job show progress without knowing CP-SAT.
type ProgressCallback = Callable[[float, str], None]


@dataclass(frozen=True, slots=True)
class RunOutcome:
    status: str
    has_solution: bool
    objective: float
    bound: float
    first_solution_s: float | None


class _Reporter(cp_model.CpSolverSolutionCallback):
    def __init__(
        self,
        *,
        started: float,
        seconds: float,
        progress: ProgressCallback | None,
        span: tuple[float, float],
    ) -> None:
        super().__init__()
        self.started, self.seconds, self.progress, self.span = started, seconds, progress, span
        self.first_solution_s: float | None = None

    def on_solution_callback(self) -> None:
        elapsed = time.monotonic() - self.started
        if self.first_solution_s is None:
            self.first_solution_s = elapsed
        if self.progress is not None:
            low, high = self.span
            fraction = low + (high - low) * min(1.0, elapsed / max(self.seconds, 1e-9))
            self.progress(fraction, f"solution with objective {self.objective_value:g}")


def run_model(
    model: cp_model.CpModel,
    *,
    seconds: float,
    seed: int,
    workers: int,
    progress: ProgressCallback | None = None,
    span: tuple[float, float] = (0.0, 1.0),
) -> tuple[cp_model.CpSolver, RunOutcome]:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(seconds, 0.01)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    reporter = _Reporter(started=time.monotonic(), seconds=seconds, progress=progress, span=span)
    status = solver.solve(model, reporter)
    has_solution = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    return solver, RunOutcome(
        status=str(solver.status_name(status)),
        has_solution=has_solution,
        objective=float(solver.objective_value) if has_solution else float("inf"),
        bound=float(solver.best_objective_bound),
        first_solution_s=reporter.first_solution_s,
    )
