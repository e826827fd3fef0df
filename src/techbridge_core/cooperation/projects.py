"""Projects born of a signed agreement: signed → started → implemented → completed, or abandoned;
milestones may be added and met only while the project is open."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from techbridge_core.cooperation.refusals import CooperationRefusedError


class ProjectStatus(StrEnum):
    SIGNED = "signed"
    STARTED = "started"
    IMPLEMENTED = "implemented"
    COMPLETED = "completed"
    ABANDONED = "abandoned"


class MilestoneStatus(StrEnum):
    OPEN = "open"
    MET = "met"
    CANCELLED = "cancelled"


class FigureKind(StrEnum):
    INVESTMENT = "investment"
    PAYMENTS_RECEIVED = "payments_received"
    PRODUCTS = "products"
    PATENTS_FILED = "patents_filed"
    PEOPLE_EXCHANGED = "people_exchanged"


MONEY_FIGURES = frozenset({FigureKind.INVESTMENT, FigureKind.PAYMENTS_RECEIVED})
_P = ProjectStatus
PROJECT_MOVES: dict[ProjectStatus, frozenset[ProjectStatus]] = {
    _P.SIGNED: frozenset({_P.STARTED, _P.ABANDONED}),
    _P.STARTED: frozenset({_P.IMPLEMENTED, _P.ABANDONED}),
    _P.IMPLEMENTED: frozenset({_P.COMPLETED, _P.ABANDONED}),
    _P.COMPLETED: frozenset(),
    _P.ABANDONED: frozenset(),
}
CLOSED_PROJECTS = frozenset({_P.COMPLETED, _P.ABANDONED})


def decide_project_status(
    current: ProjectStatus, target: ProjectStatus, *, reason: str = ""
) -> ProjectStatus:
    if target not in PROJECT_MOVES[current]:
        raise CooperationRefusedError("status_not_allowed", "status")
    if target is _P.ABANDONED and not reason.strip():
        raise CooperationRefusedError("reason_required", "reason")
    return target


def check_milestone_allowed(project_status: ProjectStatus) -> None:
    if project_status is _P.ABANDONED:
        raise CooperationRefusedError("project_abandoned", "project")
    if project_status is _P.COMPLETED:
        raise CooperationRefusedError("project_completed", "project")


@dataclass(frozen=True, kw_only=True)
class MilestoneState:
    status: MilestoneStatus
    due_on: date


def is_overdue(milestone: MilestoneState, *, today: date) -> bool:
    return milestone.status is MilestoneStatus.OPEN and milestone.due_on < today


def check_milestone_met(project_status: ProjectStatus, milestone: MilestoneState, *, evidence: str) -> None:
    check_milestone_allowed(project_status)
    if milestone.status is not MilestoneStatus.OPEN:
        raise CooperationRefusedError("milestone_closed", "status")
    if not evidence.strip():
        raise CooperationRefusedError("evidence_required", "evidence")
