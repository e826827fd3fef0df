"""The cooperation pipeline's pure rules: stages, agreements, projects, amounts, staleness."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from techbridge_core.cooperation.activity import is_stale
from techbridge_core.cooperation.agreements import (
    AgreementKind,
    AgreementState,
    AgreementStatus,
    ContractCategory,
    ContractSubtype,
    PartyEntry,
    PartyRole,
    SignatureAttempt,
    check_category,
    check_parties,
    check_signature,
    decide_agreement_status,
    party_roles,
)
from techbridge_core.cooperation.amounts import Terms, terms_problems
from techbridge_core.cooperation.projects import (
    MilestoneState,
    MilestoneStatus,
    ProjectStatus,
    check_milestone_allowed,
    check_milestone_met,
    decide_project_status,
    is_overdue,
)
from techbridge_core.cooperation.refusals import CooperationRefusedError
from techbridge_core.cooperation.stages import (
    PIPELINE,
    CaseStage,
    CaseState,
    StageChange,
    allowed_targets,
    decide_stage_change,
)


def _refused(code: str) -> pytest.RaisesExc[CooperationRefusedError]:
    return pytest.raises(CooperationRefusedError, match=f"^{code}$")


def test_the_pipeline_moves_forward_one_stage_at_a_time() -> None:
    for current, following in itertools.pairwise(PIPELINE):
        decision = decide_stage_change(CaseState(stage=current), StageChange(target=following))
        assert decision.stage is following
    with _refused("stage_not_allowed"):
        decide_stage_change(CaseState(stage=CaseStage.NEGOTIATING), StageChange(target=CaseStage.SIGNED))


def test_a_draft_can_go_back_to_negotiation_but_a_signed_case_cannot() -> None:
    back = decide_stage_change(
        CaseState(stage=CaseStage.AGREEMENT_DRAFTED), StageChange(target=CaseStage.NEGOTIATING)
    )
    assert back.stage is CaseStage.NEGOTIATING
    with _refused("stage_not_allowed"):
        decide_stage_change(CaseState(stage=CaseStage.SIGNED), StageChange(target=CaseStage.NEGOTIATING))


@pytest.mark.parametrize("target", [CaseStage.ABANDONED, CaseStage.ON_HOLD])
def test_abandoning_or_holding_needs_a_reason(target: CaseStage) -> None:
    with _refused("reason_required"):
        decide_stage_change(CaseState(stage=CaseStage.SIGNED), StageChange(target=target, reason="  "))
    decision = decide_stage_change(
        CaseState(stage=CaseStage.SIGNED), StageChange(target=target, reason="budget")
    )
    assert decision.stage is target
    assert decision.reason == "budget"


def test_a_held_case_resumes_at_the_stage_it_was_held_at() -> None:
    held = decide_stage_change(
        CaseState(stage=CaseStage.SIGNED), StageChange(target=CaseStage.ON_HOLD, reason="elections")
    )
    assert held.held_from is CaseStage.SIGNED
    state = CaseState(stage=held.stage, held_from=held.held_from)
    assert allowed_targets(state) == (CaseStage.SIGNED, CaseStage.ABANDONED)
    with _refused("stage_not_allowed"):
        decide_stage_change(state, StageChange(target=CaseStage.IN_IMPLEMENTATION))
    assert decide_stage_change(state, StageChange(target=CaseStage.SIGNED)).held_from is None


@pytest.mark.parametrize("closed", [CaseStage.COMPLETED, CaseStage.ABANDONED])
def test_closed_cases_do_not_move(closed: CaseStage) -> None:
    assert allowed_targets(CaseState(stage=closed)) == ()
    with _refused("case_closed"):
        decide_stage_change(CaseState(stage=closed), StageChange(target=CaseStage.NEGOTIATING))


def test_each_contract_category_has_its_subtypes_and_party_roles() -> None:
    contract = AgreementKind.TECHNOLOGY_CONTRACT
    check_category(contract, ContractCategory.DEVELOPMENT, ContractSubtype.COMMISSIONED)
    check_category(contract, ContractCategory.TRANSFER, ContractSubtype.TECHNICAL_SECRET)
    check_category(contract, ContractCategory.CONSULTING, ContractSubtype.NONE)
    with _refused("subtype_mismatch"):
        check_category(contract, ContractCategory.DEVELOPMENT, ContractSubtype.LICENCE)
    with _refused("category_required"):
        check_category(contract, None, ContractSubtype.NONE)
    with _refused("category_only_for_contracts"):
        check_category(AgreementKind.MOU, ContractCategory.SERVICE, ContractSubtype.NONE)
    roles = party_roles(contract, ContractCategory.DEVELOPMENT, ContractSubtype.COMMISSIONED)
    assert roles == {PartyRole.ENTRUSTING_PARTY, PartyRole.TRUSTEE}
    assert party_roles(contract, ContractCategory.TRANSFER, ContractSubtype.PATENT_RIGHT) == {
        PartyRole.TRANSFEROR,
        PartyRole.TRANSFEREE,
    }
    assert party_roles(contract, ContractCategory.DEVELOPMENT, ContractSubtype.COOPERATIVE) == {
        PartyRole.COOPERATING_PARTY
    }
    assert party_roles(AgreementKind.MOU, None, ContractSubtype.NONE) == {PartyRole.PARTY}


def test_parties_need_two_organisations_in_allowed_and_filled_roles() -> None:
    kind, category, subtype = (
        AgreementKind.TECHNOLOGY_CONTRACT,
        ContractCategory.SERVICE,
        ContractSubtype.NONE,
    )
    good = [
        PartyEntry(role=PartyRole.ENTRUSTING_PARTY, organisation_id=1),
        PartyEntry(role=PartyRole.TRUSTEE, organisation_id=2),
    ]
    check_parties(kind, category, subtype, good)
    with _refused("two_parties_needed"):
        check_parties(kind, category, subtype, good[:1])
    with _refused("role_not_allowed"):
        check_parties(
            kind, category, subtype, [*good[:1], PartyEntry(role=PartyRole.LICENSEE, organisation_id=2)]
        )
    with _refused("role_missing"):
        check_parties(
            kind, category, subtype, [good[0], PartyEntry(role=PartyRole.ENTRUSTING_PARTY, organisation_id=2)]
        )


def test_agreement_status_needs_signatures_and_registration_details() -> None:
    contract = AgreementState(
        kind=AgreementKind.TECHNOLOGY_CONTRACT, status=AgreementStatus.DRAFT, all_parties_signed=False
    )
    with _refused("signatures_missing"):
        decide_agreement_status(contract, AgreementStatus.SIGNED)
    signed = AgreementState(
        kind=AgreementKind.TECHNOLOGY_CONTRACT, status=AgreementStatus.SIGNED, all_parties_signed=True
    )
    with _refused("registration_details_missing"):
        decide_agreement_status(signed, AgreementStatus.REGISTERED)
    registered = AgreementState(
        kind=AgreementKind.TECHNOLOGY_CONTRACT,
        status=AgreementStatus.SIGNED,
        all_parties_signed=True,
        registration_number="5101012026000123",
        has_registration_date=True,
    )
    assert decide_agreement_status(registered, AgreementStatus.REGISTERED) is AgreementStatus.REGISTERED
    mou = AgreementState(kind=AgreementKind.MOU, status=AgreementStatus.SIGNED, all_parties_signed=True)
    with _refused("registration_only_for_contracts"):
        decide_agreement_status(mou, AgreementStatus.REGISTERED)
    with _refused("status_not_allowed"):
        decide_agreement_status(mou, AgreementStatus.EXPIRED)


def test_a_signature_goes_on_the_current_version_of_a_draft_once() -> None:
    fine = SignatureAttempt(
        agreement_status=AgreementStatus.DRAFT,
        document_is_current=True,
        already_signed=False,
        signer_is_party=True,
    )
    check_signature(fine)
    with _refused("superseded_version"):
        check_signature(SignatureAttempt(**{**fine.__dict__, "document_is_current": False}))
    with _refused("already_signed"):
        check_signature(SignatureAttempt(**{**fine.__dict__, "already_signed": True}))
    with _refused("not_a_party"):
        check_signature(SignatureAttempt(**{**fine.__dict__, "signer_is_party": False}))
    with _refused("not_a_draft"):
        check_signature(SignatureAttempt(**{**fine.__dict__, "agreement_status": AgreementStatus.SIGNED}))


@pytest.mark.parametrize(
    ("terms", "expected"),
    [
        (Terms(total=Decimal("-1"), currency="EUR"), {("total_amount", "amount_negative")}),
        (Terms(total=Decimal("1e20"), currency="EUR"), {("total_amount", "amount_absurd")}),
        (Terms(total=Decimal("NaN"), currency="EUR"), {("total_amount", "amount_invalid")}),
        (Terms(total=Decimal("1.001"), currency="EUR"), {("total_amount", "amount_precision")}),
        (
            Terms(total=Decimal(100), technical_income=Decimal(101), currency="CNY"),
            {("technical_income", "income_above_total")},
        ),
        (Terms(total=Decimal(100), currency="XYZ"), {("currency", "currency_unknown")}),
        (Terms(total=Decimal(100)), {("currency", "currency_required")}),
        (
            Terms(starts_on=date(2026, 5, 1), ends_on=date(2026, 4, 30)),
            {("ends_on", "end_before_start")},
        ),
        (Terms(starts_on=date(1, 1, 1)), {("starts_on", "date_out_of_range")}),
        (
            Terms(
                total=Decimal("1000000.00"),
                technical_income=Decimal(800000),
                currency="HUF",
                starts_on=date(2026, 1, 1),
                ends_on=date(2026, 1, 1),
            ),
            set(),
        ),
    ],
)
def test_terms_problems(terms: Terms, expected: set[tuple[str, str]]) -> None:
    assert {(problem.field, problem.code) for problem in terms_problems(terms)} == expected


def test_projects_move_forward_and_refuse_milestones_once_abandoned() -> None:
    assert decide_project_status(ProjectStatus.SIGNED, ProjectStatus.STARTED) is ProjectStatus.STARTED
    with _refused("status_not_allowed"):
        decide_project_status(ProjectStatus.SIGNED, ProjectStatus.COMPLETED)
    with _refused("reason_required"):
        decide_project_status(ProjectStatus.STARTED, ProjectStatus.ABANDONED)
    with _refused("project_abandoned"):
        check_milestone_allowed(ProjectStatus.ABANDONED)
    milestone = MilestoneState(status=MilestoneStatus.OPEN, due_on=date(2026, 3, 1))
    with _refused("evidence_required"):
        check_milestone_met(ProjectStatus.STARTED, milestone, evidence=" ")
    check_milestone_met(ProjectStatus.STARTED, milestone, evidence="pilot line running")
    assert is_overdue(milestone, today=date(2026, 3, 2))
    assert not is_overdue(milestone, today=date(2026, 3, 1))
    assert not is_overdue(
        MilestoneState(status=MilestoneStatus.MET, due_on=date(2026, 3, 1)), today=date(2027, 1, 1)
    )


def test_open_cases_without_activity_for_30_days_are_stale() -> None:
    now = datetime(2026, 12, 3, tzinfo=UTC)
    assert is_stale(CaseStage.NEGOTIATING, now - timedelta(days=30), now=now)
    assert not is_stale(CaseStage.NEGOTIATING, now - timedelta(days=29), now=now)
    assert not is_stale(CaseStage.ABANDONED, now - timedelta(days=300), now=now)
