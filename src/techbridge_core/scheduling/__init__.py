"""B2B meeting scheduling: problem, heuristic start, CP-SAT improvement, validator, diffs.

Everything works in slot indices; the Django side maps slots to datetimes (see
``working_hours`` for the one time-zone helper the core offers).
"""

from techbridge_core.scheduling.diff import ScheduleChange, diff_schedules
from techbridge_core.scheduling.loader import load_problem, problem_from_dict
from techbridge_core.scheduling.metrics import ScheduleMetrics, compute_metrics
from techbridge_core.scheduling.problem import Meeting, Problem
from techbridge_core.scheduling.reschedule import RescheduleResult, reschedule
from techbridge_core.scheduling.schedule import Placement, Schedule
from techbridge_core.scheduling.solver import SolveResult, solve
from techbridge_core.scheduling.validator import Violation, ViolationKind, find_violations
from techbridge_core.scheduling.working_hours import slots_outside_working_hours

__all__ = [
    "Meeting",
    "Placement",
    "Problem",
    "RescheduleResult",
    "Schedule",
    "ScheduleChange",
    "ScheduleMetrics",
    "SolveResult",
    "Violation",
    "ViolationKind",
    "compute_metrics",
    "diff_schedules",
    "find_violations",
    "load_problem",
    "problem_from_dict",
    "reschedule",
    "slots_outside_working_hours",
    "solve",
]
