"""Projects created from a signed agreement: status with dates and history, milestones (due, owner,
evidence), reported figures, and the daily overdue check."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from techbridge.accounts.models import User
from techbridge.common.multilingual import localize
from techbridge.cooperation.domain.cases import lock_case, record_stage, touch
from techbridge.cooperation.domain.errors import CooperationError
from techbridge.cooperation.domain.notifying import case_brokers, party_members, tell
from techbridge.cooperation.enums import AgreementStatus, CaseStage, MilestoneStatus, ProjectStatus
from techbridge.cooperation.models import Agreement, Milestone, Project, ProjectTransition, ReportedFigure
from techbridge_core.cooperation import projects as core
from techbridge_core.cooperation.amounts import EARLIEST, LATEST, MAX_AMOUNT
from techbridge_core.cooperation.currencies import ISO_4217
from techbridge_core.cooperation.refusals import CooperationRefusedError

SIGNED_AGREEMENTS = (AgreementStatus.SIGNED, AgreementStatus.REGISTERED, AgreementStatus.IN_FORCE)
STATUS_DATES = {
    ProjectStatus.STARTED: "started_on",
    ProjectStatus.IMPLEMENTED: "implemented_on",
    ProjectStatus.COMPLETED: "completed_on",
    ProjectStatus.ABANDONED: "abandoned_on",
}
# A project's status carries its case along (the case follows its most advanced project).
CASE_STAGE_FOR = {
    ProjectStatus.STARTED: CaseStage.IN_IMPLEMENTATION,
    ProjectStatus.IMPLEMENTED: CaseStage.IMPLEMENTED,
    ProjectStatus.COMPLETED: CaseStage.COMPLETED,
}
_PIPELINE: list[str] = [
    CaseStage.SIGNED,
    CaseStage.IN_IMPLEMENTATION,
    CaseStage.IMPLEMENTED,
    CaseStage.COMPLETED,
]


def _refused(refused: CooperationRefusedError) -> CooperationError:
    return CooperationError.from_core(refused)


def _check_day(day: date | None, field: str) -> None:
    if day is not None and not EARLIEST <= day <= LATEST:
        raise CooperationError("date_out_of_range", field)


def check_create_project(
    *, agreement: Agreement, title: dict[str, str], actor: User, may_act: bool, now: datetime
) -> Project:
    if not may_act:
        raise CooperationError("not_allowed")
    if agreement.status not in SIGNED_AGREEMENTS:
        raise CooperationError("agreement_not_signed", "agreement")
    title = {code: text.strip() for code, text in title.items() if text.strip()} or dict(agreement.title)
    if any(len(text) > 256 for text in title.values()):
        raise CooperationError("text_too_long", "title")
    return do_create_project(agreement=agreement, title=title, actor=actor, now=now)


@transaction.atomic
def do_create_project(*, agreement: Agreement, title: dict[str, str], actor: User, now: datetime) -> Project:
    project = Project.objects.create(
        agreement=agreement,
        case_id=agreement.case_id,
        title=title,
        signed_on=agreement.signed_on or now.date(),
        created_at=now,
    )
    ProjectTransition.objects.create(project=project, to_status=project.status, actor=actor, at=now)
    touch(agreement.case_id, now=now)
    return project


def check_project_status(
    *,
    project: Project,
    target: str,
    reason: str,
    on: date | None,
    actor: User,
    may_act: bool,
    expected_version: int | None = None,
    now: datetime,
) -> Project:
    if not may_act:
        raise CooperationError("not_allowed")
    _check_day(on, "on")
    try:
        wanted = core.ProjectStatus(target)
    except ValueError as error:
        raise CooperationError("status_not_allowed", "status") from error
    return do_project_status(
        project_id=project.pk,
        target=wanted,
        reason=reason.strip(),
        on=on or now.date(),
        actor=actor,
        expected_version=expected_version,
        now=now,
    )


@transaction.atomic
def do_project_status(
    *,
    project_id: int,
    target: core.ProjectStatus,
    reason: str,
    on: date,
    actor: User,
    expected_version: int | None,
    now: datetime,
) -> Project:
    case_id = Project.objects.values_list("case_id", flat=True).get(pk=project_id)
    case = lock_case(case_id)
    project = Project.objects.select_for_update().get(pk=project_id)
    if expected_version is not None and expected_version != project.version:
        raise CooperationError("stale_version", "version")
    try:
        core.decide_project_status(core.ProjectStatus(project.status), target, reason=reason)
    except CooperationRefusedError as refused:
        raise _refused(refused) from refused
    ProjectTransition.objects.create(
        project=project,
        from_status=project.status,
        to_status=target.value,
        actor=actor,
        reason=reason,
        at=now,
    )
    project.status = target.value
    setattr(project, STATUS_DATES[ProjectStatus(target.value)], on)
    project.version += 1
    project.save()
    stage = CASE_STAGE_FOR.get(ProjectStatus(target.value))
    if stage is not None and case.stage in _PIPELINE and _PIPELINE.index(case.stage) < _PIPELINE.index(stage):
        record_stage(case, stage=stage, reason="", actor=actor, now=now)
    else:
        case.last_activity_at = now
        case.version += 1
    case.save(update_fields=["stage", "last_activity_at", "version"])
    status_label = ProjectStatus(project.status).label
    tell(
        case=case,
        recipients=party_members(case) + case_brokers(case),
        subject=lambda: (
            _("Project %(title)s is now: %(status)s")
            % {"title": localize(project.title), "status": status_label}
        ),
        body=lambda: reason,
        now=now,
        skip=actor,
        url=f"/cooperation/projects/{project.pk}/",
    )
    return project


def check_add_milestone(
    *,
    project: Project,
    title: str,
    due_on: date | None,
    owner: User | None,
    actor: User,
    may_act: bool,
    now: datetime,
) -> Milestone:
    if not may_act:
        raise CooperationError("not_allowed")
    try:
        core.check_milestone_allowed(core.ProjectStatus(project.status))
    except CooperationRefusedError as refused:
        raise _refused(refused) from refused
    if not title.strip():
        raise CooperationError("title_required", "title")
    if len(title) > 200:
        raise CooperationError("text_too_long", "title")
    if due_on is None:
        raise CooperationError("date_out_of_range", "due_on")
    _check_day(due_on, "due_on")
    return do_add_milestone(project=project, title=title.strip(), due_on=due_on, owner=owner, now=now)


@transaction.atomic
def do_add_milestone(
    *, project: Project, title: str, due_on: date, owner: User | None, now: datetime
) -> Milestone:
    locked = Project.objects.select_for_update().get(pk=project.pk)
    try:  # checked again under the lock: the project may have been abandoned meanwhile
        core.check_milestone_allowed(core.ProjectStatus(locked.status))
    except CooperationRefusedError as refused:
        raise _refused(refused) from refused
    milestone = Milestone.objects.create(
        project=locked, title=title, due_on=due_on, owner=owner, created_at=now
    )
    touch(project.case_id, now=now)
    return milestone


def check_meet_milestone(
    *, milestone: Milestone, evidence: str, actor: User, may_act: bool, now: datetime
) -> Milestone:
    if not may_act:
        raise CooperationError("not_allowed")
    if len(evidence) > 4000:
        raise CooperationError("text_too_long", "evidence")
    return do_meet_milestone(milestone_id=milestone.pk, evidence=evidence.strip(), now=now)


@transaction.atomic
def do_meet_milestone(*, milestone_id: int, evidence: str, now: datetime) -> Milestone:
    milestone = Milestone.objects.select_for_update().select_related("project").get(pk=milestone_id)
    state = core.MilestoneState(status=core.MilestoneStatus(milestone.status), due_on=milestone.due_on)
    try:
        core.check_milestone_met(core.ProjectStatus(milestone.project.status), state, evidence=evidence)
    except CooperationRefusedError as refused:
        raise _refused(refused) from refused
    milestone.status = MilestoneStatus.MET
    milestone.evidence = evidence
    milestone.met_on = now.date()
    milestone.overdue_since = None
    milestone.save()
    touch(milestone.project.case_id, now=now)
    return milestone


def check_report_figure(
    *, project: Project, kind: str, value: Decimal, currency: str, actor: User, may_act: bool, now: datetime
) -> ReportedFigure:
    if not may_act:
        raise CooperationError("not_allowed")
    try:
        figure_kind = core.FigureKind(kind)
    except ValueError as error:
        raise CooperationError("not_allowed", "kind") from error
    if not value.is_finite():
        raise CooperationError("amount_invalid", "value")
    if value < 0:
        raise CooperationError("value_negative", "value")
    if value > MAX_AMOUNT:
        raise CooperationError("amount_absurd", "value")
    if figure_kind in core.MONEY_FIGURES and currency not in ISO_4217:
        raise CooperationError("currency_unknown", "currency")
    currency = currency if figure_kind in core.MONEY_FIGURES else ""
    figure = ReportedFigure.objects.create(
        project=project, kind=kind, value=value, currency=currency, reported_on=now.date(), reported_by=actor
    )
    touch(project.case_id, now=now)
    return figure


def flag_overdue_milestones(*, today: date, now: datetime) -> int:
    """Mark open milestones past their due date (once) and tell the parties and brokers; the count."""
    due = Milestone.objects.filter(status=MilestoneStatus.OPEN, due_on__lt=today, overdue_since__isnull=True)
    due = due.exclude(project__status__in=(ProjectStatus.ABANDONED, ProjectStatus.COMPLETED))
    flagged = 0
    for milestone_id in due.order_by("id").values_list("pk", flat=True):
        with transaction.atomic():
            milestone = (
                Milestone.objects.select_for_update().select_related("project__case").get(pk=milestone_id)
            )
            state = core.MilestoneState(
                status=core.MilestoneStatus(milestone.status), due_on=milestone.due_on
            )
            if milestone.overdue_since is not None or not core.is_overdue(state, today=today):
                continue
            milestone.overdue_since = today
            milestone.save(update_fields=["overdue_since"])
            _tell_overdue(milestone, now=now)
            flagged += 1
    return flagged


def _tell_overdue(milestone: Milestone, *, now: datetime) -> None:
    case = milestone.project.case
    tell(
        case=case,
        recipients=party_members(case) + case_brokers(case),
        subject=lambda: (
            _("Milestone overdue: %(title)s (due %(due)s)")
            % {"title": milestone.title, "due": milestone.due_on.isoformat()}
        ),
        body=lambda: "",
        now=now,
        url=f"/cooperation/projects/{milestone.project_id}/",
    )
