"""The broker's pipeline board: cases by stage with filters, stale cases flagged, overdue milestones."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q, QuerySet

from techbridge.cooperation.enums import CaseStage, MilestoneStatus
from techbridge.cooperation.models import CaseParty, CooperationCase, Milestone
from techbridge_core.cooperation.activity import stale_since
from techbridge_core.cooperation.stages import CLOSED_STAGES

OPEN_STAGES = [stage.value for stage in CaseStage if stage.value not in CLOSED_STAGES]


@dataclass(frozen=True, kw_only=True)
class BoardFilters:
    stage: str = ""
    centre: int | None = None
    event: int | None = None
    country: str = ""
    field: str = ""
    broker: int | None = None
    stale_only: bool = False


def filtered_cases(cases: QuerySet[CooperationCase], filters: BoardFilters) -> QuerySet[CooperationCase]:
    if filters.centre is not None:
        cases = cases.filter(centre_id=filters.centre)
    if filters.event is not None:
        cases = cases.filter(event_id=filters.event)
    if filters.country:
        parties = CaseParty.objects.filter(case=OuterRef("pk"), organisation__country=filters.country.upper())
        cases = cases.filter(Exists(parties))
    if filters.field:
        cases = cases.filter(technology_fields__code=filters.field)
    if filters.broker is not None:
        cases = cases.filter(broker_id=filters.broker)
    return cases


def stage_counts(cases: QuerySet[CooperationCase]) -> dict[str, int]:
    counts = dict(cases.order_by().values_list("stage").annotate(total=Count("id")))
    return {stage.value: counts.get(stage.value, 0) for stage in CaseStage}


def board_cases(
    cases: QuerySet[CooperationCase], filters: BoardFilters, *, now: datetime
) -> QuerySet[CooperationCase]:
    """The listed cases (one stage, or all open ones), each annotated `is_stale` and `has_overdue`."""
    cases = cases.filter(stage=filters.stage) if filters.stage else cases.filter(stage__in=OPEN_STAGES)
    stale_rule = Q(stage__in=[s for s in OPEN_STAGES if s != CaseStage.ON_HOLD]) & Q(
        last_activity_at__lte=stale_since(now)
    )
    if filters.stale_only:
        cases = cases.filter(stale_rule)
    overdue = Milestone.objects.filter(
        project__case=OuterRef("pk"), status=MilestoneStatus.OPEN, overdue_since__isnull=False
    )
    return (
        cases.annotate(
            is_stale=ExpressionWrapper(stale_rule, output_field=BooleanField()),
            has_overdue=Exists(overdue),
        )
        .select_related("centre", "broker", "event")
        .order_by("last_activity_at", "id")
    )
