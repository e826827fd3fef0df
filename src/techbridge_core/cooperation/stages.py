"""A cooperation case's stages: negotiating → agreement drafted → signed → in implementation →
implemented → completed; abandoned or on hold (with a reason) from any open stage; resume from hold
returns to the stage the case was held at."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from techbridge_core.cooperation.refusals import CooperationRefusedError


class CaseStage(StrEnum):
    NEGOTIATING = "negotiating"
    AGREEMENT_DRAFTED = "agreement_drafted"
    SIGNED = "signed"
    IN_IMPLEMENTATION = "in_implementation"
    IMPLEMENTED = "implemented"
    COMPLETED = "completed"
    ABANDONED = "abandoned"
    ON_HOLD = "on_hold"


PIPELINE: tuple[CaseStage, ...] = (
    CaseStage.NEGOTIATING,
    CaseStage.AGREEMENT_DRAFTED,
    CaseStage.SIGNED,
    CaseStage.IN_IMPLEMENTATION,
    CaseStage.IMPLEMENTED,
    CaseStage.COMPLETED,
)
CLOSED_STAGES = frozenset({CaseStage.COMPLETED, CaseStage.ABANDONED})
REASON_REQUIRED = frozenset({CaseStage.ABANDONED, CaseStage.ON_HOLD})
MAX_REASON_LENGTH = 2000


@dataclass(frozen=True, kw_only=True)
class CaseState:
    stage: CaseStage
    held_from: CaseStage | None = None


@dataclass(frozen=True, kw_only=True)
class StageChange:
    target: CaseStage
    reason: str = ""


@dataclass(frozen=True, kw_only=True)
class StageDecision:
    stage: CaseStage
    held_from: CaseStage | None
    reason: str


def allowed_targets(state: CaseState) -> tuple[CaseStage, ...]:
    """The stages a case may move to from its current state, in pipeline order."""
    if state.stage in CLOSED_STAGES:
        return ()
    if state.stage is CaseStage.ON_HOLD:
        resume = state.held_from or CaseStage.NEGOTIATING
        return (resume, CaseStage.ABANDONED)
    position = PIPELINE.index(state.stage)
    targets: list[CaseStage] = []
    if position > 0 and state.stage is CaseStage.AGREEMENT_DRAFTED:
        targets.append(CaseStage.NEGOTIATING)  # the draft went back to the table
    targets.append(PIPELINE[position + 1])
    targets += [CaseStage.ON_HOLD, CaseStage.ABANDONED]
    return tuple(targets)


def decide_stage_change(state: CaseState, change: StageChange) -> StageDecision:
    """The case's next state, or CooperationRefusedError(code, field)."""
    reason = change.reason.strip()
    if len(reason) > MAX_REASON_LENGTH:
        raise CooperationRefusedError("reason_too_long", "reason")
    if state.stage in CLOSED_STAGES:
        raise CooperationRefusedError("case_closed", "stage")
    if change.target is state.stage:
        raise CooperationRefusedError("same_stage", "stage")
    if change.target not in allowed_targets(state):
        raise CooperationRefusedError("stage_not_allowed", "stage")
    if change.target in REASON_REQUIRED and not reason:
        raise CooperationRefusedError("reason_required", "reason")
    held_from = state.stage if change.target is CaseStage.ON_HOLD else None
    return StageDecision(stage=change.target, held_from=held_from, reason=reason)
