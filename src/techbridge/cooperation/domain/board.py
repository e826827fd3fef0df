"""The broker's pipeline board: cases by stage with filters, stale cases flagged, overdue milestones."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q, QuerySet

from techbridge.cooperation.domain.keyset import Cursor
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
    """Every stage's count in one grouped COUNT (served by the (centre, stage, …) index)."""
    counts = dict(cases.order_by().values_list("stage").annotate(total=Count("id")))
    return {stage.value: counts.get(stage.value, 0) for stage in CaseStage}


# What a board card shows (cooperation/_case_cards.html): loading no more keeps each row cheap to
# build (no centre descriptions, no broker password hashes, no event).
CARD_FIELDS = (
    "title",
    "stage",
    "centre__name",
    "broker__display_name",
    "last_activity_at",
)

_ORDER = "last_activity_at"  # then id: the board's order, oldest activity (the stale cases) first


@dataclass(frozen=True)
class BoardPage:
    cases: list[CooperationCase]
    next_cursor: Cursor | None  # the last case shown, when more follow
    previous_cursor: Cursor | None  # the first case shown, when some come before


def board_page(
    cases: QuerySet[CooperationCase],
    *,
    size: int,
    after: Cursor | None = None,
    before: Cursor | None = None,
) -> BoardPage:
    """One page of `board_cases` by keyset: `size` cases after `after` (or before `before`).
    One query of `size + 1` rows; a first page has no previous page."""
    if before is not None:
        rows = list(cases.filter(before.before(_ORDER)).order_by("-last_activity_at", "-id")[: size + 1])
        more_before = len(rows) > size
        rows = rows[:size][::-1]
        return BoardPage(
            rows,
            next_cursor=Cursor.of(rows[-1], _ORDER) if rows else None,
            previous_cursor=Cursor.of(rows[0], _ORDER) if rows and more_before else None,
        )
    if after is not None:
        cases = cases.filter(after.after(_ORDER))
    rows = list(cases[: size + 1])
    more_after = len(rows) > size
    rows = rows[:size]
    return BoardPage(
        rows,
        next_cursor=Cursor.of(rows[-1], _ORDER) if rows and more_after else None,
        previous_cursor=Cursor.of(rows[0], _ORDER) if rows and after is not None else None,
    )


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
        .select_related("centre", "broker")
        .only(*CARD_FIELDS)
        .order_by(_ORDER, "id")
    )
