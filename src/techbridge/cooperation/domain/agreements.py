"""Agreements of a case: drafting (kind, category, parties and roles, terms), versioned documents,
signatures per party on the current version, status changes and registration.

Signing locks the case row, then the agreement row (the one lock order of this app), so two parties
signing at once, or a broker moving the case while a party signs, never lose an update."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from techbridge.accounts.models import User
from techbridge.common.multilingual import localize
from techbridge.cooperation.domain.cases import lock_case, record_stage, touch
from techbridge.cooperation.domain.errors import CooperationError, InvalidDraftError
from techbridge.cooperation.domain.messages import UploadError
from techbridge.cooperation.domain.notifying import case_brokers, party_members, tell
from techbridge.cooperation.enums import AgreementStatus, CaseStage, ContractSubtype, IpType
from techbridge.cooperation.models import (
    Agreement,
    AgreementDocument,
    AgreementParty,
    AgreementTransition,
    CooperationCase,
    Signature,
)
from techbridge.cooperation.validators import DOCUMENT_TYPES, MAX_DOCUMENT_BYTES, checked_content_type
from techbridge.directory.models import Organisation
from techbridge.events.models import Activity
from techbridge_core.cooperation import agreements as core
from techbridge_core.cooperation.amounts import Terms, terms_problems
from techbridge_core.cooperation.refusals import CooperationRefusedError

MAX_CODE = 40


@dataclass(frozen=True, kw_only=True)
class PartyIn:
    organisation: Organisation
    role: str
    registration_code: str = ""


@dataclass(frozen=True, kw_only=True)
class AgreementDraft:
    kind: str
    title: dict[str, str]
    parties: Sequence[PartyIn]
    category: str = ""
    subtype: str = ""
    total_amount: Decimal | None = None
    technical_income: Decimal | None = None
    currency: str = ""
    starts_on: date | None = None
    ends_on: date | None = None
    signed_place: str = ""
    signed_on: date | None = None
    signing_activity: Activity | None = None
    ip_type: str = IpType.NONE
    amounts_confidential: bool = False
    documents_confidential: bool = False


def _core_kind(
    draft: AgreementDraft,
) -> tuple[core.AgreementKind, core.ContractCategory | None, core.ContractSubtype]:
    try:
        kind = core.AgreementKind(draft.kind)
        category = core.ContractCategory(draft.category) if draft.category else None
        subtype = core.ContractSubtype(draft.subtype or "")
    except ValueError as error:
        raise CooperationError("category_required", "kind") from error
    return kind, category, subtype


def draft_problems(draft: AgreementDraft, *, case_organisation_ids: frozenset[int]) -> list[CooperationError]:
    """Every problem of a draft at once, one per field (forms and API show them together)."""
    problems: list[CooperationError] = []
    if not any(text.strip() for text in draft.title.values()):
        problems.append(CooperationError("title_required", "title"))
    try:
        kind, category, subtype = _core_kind(draft)
        core.check_category(kind, category, subtype)
        entries = [
            core.PartyEntry(role=core.PartyRole(p.role), organisation_id=p.organisation.pk)
            for p in draft.parties
        ]
        core.check_parties(kind, category, subtype, entries)
    except CooperationRefusedError as refused:
        problems.append(CooperationError.from_core(refused))
    except ValueError:
        problems.append(CooperationError("role_not_allowed", "parties"))
    except CooperationError as error:
        problems.append(error)
    if any(p.organisation.pk not in case_organisation_ids for p in draft.parties):
        problems.append(CooperationError("party_not_in_case", "parties"))
    if any(len(p.registration_code) > MAX_CODE for p in draft.parties):
        problems.append(CooperationError("text_too_long", "parties"))
    terms = Terms(
        total=draft.total_amount,
        technical_income=draft.technical_income,
        currency=draft.currency,
        starts_on=draft.starts_on,
        ends_on=draft.ends_on,
    )
    problems += [CooperationError(problem.code, problem.field) for problem in terms_problems(terms)]
    if draft.signed_on is not None and not date(1950, 1, 1) <= draft.signed_on <= date(2200, 12, 31):
        problems.append(CooperationError("date_out_of_range", "signed_on"))
    return problems


def check_create_agreement(
    *, case: CooperationCase, draft: AgreementDraft, actor: User, may_act: bool, now: datetime
) -> Agreement:
    if not may_act:
        raise CooperationError("not_allowed")
    if case.stage in (CaseStage.ABANDONED, CaseStage.COMPLETED):
        raise CooperationError("case_closed")
    organisation_ids = frozenset(case.parties.values_list("organisation_id", flat=True))
    problems = draft_problems(draft, case_organisation_ids=organisation_ids)
    if problems:
        raise InvalidDraftError(problems)
    return do_create_agreement(case=case, draft=draft, actor=actor, now=now)


@transaction.atomic
def do_create_agreement(
    *, case: CooperationCase, draft: AgreementDraft, actor: User, now: datetime
) -> Agreement:
    locked = lock_case(case.pk)
    agreement = Agreement.objects.create(
        case=locked,
        kind=draft.kind,
        title=draft.title,
        category=draft.category,
        subtype=draft.subtype if draft.category else ContractSubtype.NONE,
        total_amount=draft.total_amount,
        technical_income=draft.technical_income,
        currency=draft.currency,
        starts_on=draft.starts_on,
        ends_on=draft.ends_on,
        signed_place=draft.signed_place[:200],
        signed_on=draft.signed_on,
        signing_activity=draft.signing_activity,
        ip_type=draft.ip_type,
        amounts_confidential=draft.amounts_confidential,
        documents_confidential=draft.documents_confidential,
        created_by=actor,
        created_at=now,
        updated_at=now,
    )
    _add_parties(agreement, draft.parties)
    AgreementTransition.objects.create(agreement=agreement, to_status=agreement.status, actor=actor, at=now)
    if locked.stage == CaseStage.NEGOTIATING:
        record_stage(locked, stage=CaseStage.AGREEMENT_DRAFTED, reason="", actor=actor, now=now)
    else:
        locked.last_activity_at = now
        locked.version += 1
    locked.save(update_fields=["stage", "last_activity_at", "version"])
    _tell(
        agreement,
        lambda: _("Agreement drafted: %(title)s") % {"title": localize(agreement.title)},
        actor,
        now,
    )
    return agreement


def _add_parties(agreement: Agreement, parties: Sequence[PartyIn]) -> None:
    for party in parties:
        AgreementParty.objects.create(
            agreement=agreement,
            organisation=party.organisation,
            role=party.role,
            registration_code=party.registration_code.strip(),
        )


def draft_of(agreement: Agreement) -> AgreementDraft:
    """The agreement's terms as a draft, the base a partial change is laid over."""
    return AgreementDraft(
        kind=agreement.kind,
        title=dict(agreement.title),
        parties=[
            PartyIn(organisation=p.organisation, role=p.role, registration_code=p.registration_code)
            for p in agreement.parties.select_related("organisation")
        ],
        category=agreement.category,
        subtype=agreement.subtype,
        total_amount=agreement.total_amount,
        technical_income=agreement.technical_income,
        currency=agreement.currency,
        starts_on=agreement.starts_on,
        ends_on=agreement.ends_on,
        signed_place=agreement.signed_place,
        signed_on=agreement.signed_on,
        signing_activity=agreement.signing_activity,
        ip_type=agreement.ip_type,
        amounts_confidential=agreement.amounts_confidential,
        documents_confidential=agreement.documents_confidential,
    )


def _party_terms(parties: Sequence[PartyIn]) -> frozenset[tuple[int, str, str]]:
    return frozenset((p.organisation.pk, p.role, p.registration_code.strip()) for p in parties)


def changed_terms(before: AgreementDraft, after: AgreementDraft) -> frozenset[str]:
    """The names of the terms `after` changes (a submission of the same values changes nothing)."""
    changed = {
        name
        for name in (
            "kind",
            "title",
            "category",
            "total_amount",
            "technical_income",
            "currency",
            "starts_on",
            "ends_on",
            "signed_on",
            "ip_type",
            "amounts_confidential",
            "documents_confidential",
        )
        if getattr(before, name) != getattr(after, name)
    }
    if (before.subtype if before.category else "") != (after.subtype if after.category else ""):
        changed.add("subtype")
    if before.signed_place[:200] != after.signed_place[:200]:
        changed.add("signed_place")
    if _party_terms(before.parties) != _party_terms(after.parties):
        changed.add("parties")
    return frozenset(changed)


@dataclass(frozen=True, kw_only=True)
class SignatureState:
    signed_current_version: bool
    signed_any_version: bool


def signature_state(agreement: Agreement) -> SignatureState:
    signatures = Signature.objects.filter(agreement_id=agreement.pk)
    return SignatureState(
        signed_current_version=signatures.filter(document__is_current=True).exists(),
        signed_any_version=signatures.exists(),
    )


def locked_terms(agreement: Agreement) -> frozenset[str]:
    """The terms a form shows read-only: all of them once the agreement is no draft or a party has
    signed its current document version."""
    if agreement.status != AgreementStatus.DRAFT:
        return core.LOCKED_TERMS
    return core.locked_terms(
        core.AgreementStatus(agreement.status),
        signed_current_version=signature_state(agreement).signed_current_version,
    )


def _check_terms_change(agreement: Agreement, draft: AgreementDraft) -> frozenset[str]:
    """The changed terms, or the core's refusal (no draft; signed current version; signed parties)."""
    changed = changed_terms(draft_of(agreement), draft)
    state = signature_state(agreement)
    try:
        core.check_terms_change(
            core.TermsChange(
                status=core.AgreementStatus(agreement.status),
                changed=changed,
                signed_current_version=state.signed_current_version,
                signed_any_version=state.signed_any_version,
            )
        )
    except CooperationRefusedError as refused:
        raise CooperationError.from_core(refused) from refused
    return changed


def check_update_agreement(
    *,
    agreement: Agreement,
    draft: AgreementDraft,
    actor: User,
    may_act: bool,
    expected_version: int | None,
    now: datetime,
) -> Agreement:
    """Change a draft agreement's terms under the rules of a new one (`draft_problems`): every
    problem at once. The lock rules are the core's `check_terms_change`: only drafts change, a
    signature on the current document version locks the terms (a new version reopens them), the
    parties stay once anyone has signed. The web form and the API PATCH both come here."""
    if not may_act:
        raise CooperationError("not_allowed")
    _check_terms_change(agreement, draft)  # refused before the input is judged; again under the lock
    organisation_ids = frozenset(agreement.case.parties.values_list("organisation_id", flat=True))
    problems = draft_problems(draft, case_organisation_ids=organisation_ids)
    if problems:
        raise InvalidDraftError(problems)
    return do_update_agreement(
        agreement_id=agreement.pk,
        draft=draft,
        expected_version=expected_version,
        actor=actor,
        now=now,
    )


@transaction.atomic
def do_update_agreement(
    *,
    agreement_id: int,
    draft: AgreementDraft,
    expected_version: int | None,
    actor: User,
    now: datetime,
) -> Agreement:
    """The signature check and the write in one transaction under the case and agreement row locks
    (the ones `do_sign` takes): a party signing meanwhile either signs the changed terms after this
    commits, or commits first and this change is refused."""
    agreement = Agreement.objects.get(pk=agreement_id)
    lock_case(agreement.case_id)  # the one lock order: case, then agreement
    agreement = Agreement.objects.select_for_update().get(pk=agreement_id)
    if expected_version is not None and agreement.version != expected_version:
        raise CooperationError("stale_version", "version")
    changed = _check_terms_change(agreement, draft)
    if not changed:
        return agreement
    if "parties" in changed:
        agreement.parties.all().delete()
        _add_parties(agreement, draft.parties)
    agreement.kind = draft.kind
    agreement.title = draft.title
    agreement.category = draft.category
    agreement.subtype = draft.subtype if draft.category else ContractSubtype.NONE
    agreement.total_amount = draft.total_amount
    agreement.technical_income = draft.technical_income
    agreement.currency = draft.currency
    agreement.starts_on = draft.starts_on
    agreement.ends_on = draft.ends_on
    agreement.signed_place = draft.signed_place[:200]
    agreement.signed_on = draft.signed_on
    agreement.ip_type = draft.ip_type
    agreement.amounts_confidential = draft.amounts_confidential
    agreement.documents_confidential = draft.documents_confidential
    agreement.version += 1
    agreement.updated_at = now
    agreement.save()
    touch(agreement.case_id, now=now)
    return agreement


def _tell(agreement: Agreement, subject: object, actor: User | None, now: datetime) -> None:
    case = agreement.case
    tell(
        case=case,
        recipients=party_members(case) + case_brokers(case),
        subject=subject,  # type: ignore[arg-type]
        body=lambda: "",
        now=now,
        skip=actor,
        url=f"/cooperation/agreements/{agreement.pk}/",
    )


def check_upload_document(
    *, agreement: Agreement, name: str, content: bytes, actor: User, may_act: bool, now: datetime
) -> AgreementDocument:
    if not may_act:
        raise CooperationError("not_allowed")
    if agreement.status != AgreementStatus.DRAFT:
        raise CooperationError("not_a_draft", "file")
    try:
        content_type = checked_content_type(
            name, content, allowed=DOCUMENT_TYPES, max_bytes=MAX_DOCUMENT_BYTES
        )
    except ValidationError as error:
        raise UploadError(" ".join(error.messages)) from error
    return do_upload_document(
        agreement_id=agreement.pk, name=name, content=content, content_type=content_type, actor=actor, now=now
    )


@transaction.atomic
def do_upload_document(
    *, agreement_id: int, name: str, content: bytes, content_type: str, actor: User, now: datetime
) -> AgreementDocument:
    agreement = Agreement.objects.select_for_update().get(pk=agreement_id)
    last = agreement.documents.order_by("-number").first()
    agreement.documents.filter(is_current=True).update(is_current=False)
    document = AgreementDocument(
        agreement=agreement,
        number=(last.number + 1) if last else 1,
        original_name=name[:200],
        content_type=content_type,
        size=len(content),
        uploaded_by=actor,
        created_at=now,
    )
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    agreement.version += 1
    agreement.updated_at = now
    agreement.save(update_fields=["version", "updated_at"])
    touch(agreement.case_id, now=now)
    return document


def check_sign(
    *,
    agreement: Agreement,
    document: AgreementDocument,
    party: AgreementParty,
    actor: User,
    may_sign: bool,
    now: datetime,
) -> Signature:
    """`party` is the AgreementParty the actor signs for; `may_sign`: the actor is a member of it."""
    if document.agreement_id != agreement.pk or party.agreement_id != agreement.pk:
        raise CooperationError("not_allowed")
    if not may_sign:
        raise CooperationError("not_a_party", "party")
    return do_sign(
        agreement_id=agreement.pk, document_id=document.pk, party_id=party.pk, actor=actor, now=now
    )


@transaction.atomic
def do_sign(*, agreement_id: int, document_id: int, party_id: int, actor: User, now: datetime) -> Signature:
    case_id = Agreement.objects.values_list("case_id", flat=True).get(pk=agreement_id)
    case = lock_case(case_id)
    agreement = Agreement.objects.select_for_update().get(pk=agreement_id)
    document = AgreementDocument.objects.get(pk=document_id)
    already = Signature.objects.filter(party_id=party_id, document_id=document_id).exists()
    try:
        core.check_signature(
            core.SignatureAttempt(
                agreement_status=core.AgreementStatus(agreement.status),
                document_is_current=document.is_current,
                already_signed=already,
                signer_is_party=True,
            )
        )
    except CooperationRefusedError as refused:
        raise CooperationError.from_core(refused) from refused
    signature = Signature.objects.create(
        agreement=agreement, party_id=party_id, document=document, signed_by=actor, signed_at=now
    )
    signed_parties = set(Signature.objects.filter(document=document).values_list("party_id", flat=True))
    if signed_parties >= set(agreement.parties.values_list("pk", flat=True)):
        _set_status(agreement, AgreementStatus.SIGNED, actor=actor, now=now)
        agreement.signed_on = agreement.signed_on or now.date()
        agreement.save(update_fields=["status", "signed_on", "version", "updated_at"])
        if case.stage in (CaseStage.NEGOTIATING, CaseStage.AGREEMENT_DRAFTED):
            record_stage(case, stage=CaseStage.SIGNED, reason="", actor=actor, now=now)
    else:
        agreement.version += 1
        agreement.save(update_fields=["version"])
    case.last_activity_at = now
    case.version += 1
    case.save(update_fields=["stage", "last_activity_at", "version"])
    _tell(agreement, lambda: _("Signed: %(title)s") % {"title": localize(agreement.title)}, actor, now)
    return signature


def _set_status(
    agreement: Agreement, status: str, *, actor: User | None, now: datetime, reason: str = ""
) -> None:
    AgreementTransition.objects.create(
        agreement=agreement,
        from_status=agreement.status,
        to_status=status,
        actor=actor,
        reason=reason,
        at=now,
    )
    agreement.status = status
    agreement.version += 1
    agreement.updated_at = now


def check_change_status(
    *,
    agreement: Agreement,
    target: str,
    actor: User,
    may_manage: bool,
    registration_number: str = "",
    registered_on: date | None = None,
    reason: str = "",
    now: datetime,
) -> Agreement:
    """Broker moves after signing: registration (number and date), in force, expired, terminated."""
    if not may_manage:
        raise CooperationError("not_allowed")
    try:
        wanted = core.AgreementStatus(target)
    except ValueError as error:
        raise CooperationError("status_not_allowed", "status") from error
    if len(registration_number) > 60:
        raise CooperationError("text_too_long", "registration_number")
    if registered_on is not None and not date(1950, 1, 1) <= registered_on <= date(2200, 12, 31):
        raise CooperationError("date_out_of_range", "registered_on")
    return do_change_status(
        agreement_id=agreement.pk,
        target=wanted,
        actor=actor,
        registration_number=registration_number.strip(),
        registered_on=registered_on,
        reason=reason,
        now=now,
    )


@transaction.atomic
def do_change_status(
    *,
    agreement_id: int,
    target: core.AgreementStatus,
    actor: User,
    registration_number: str,
    registered_on: date | None,
    reason: str,
    now: datetime,
) -> Agreement:
    agreement = Agreement.objects.select_for_update().get(pk=agreement_id)
    number = registration_number or agreement.registration_number
    day = registered_on or agreement.registered_on
    state = core.AgreementState(
        kind=core.AgreementKind(agreement.kind),
        status=core.AgreementStatus(agreement.status),
        all_parties_signed=agreement.status != AgreementStatus.DRAFT,
        registration_number=number,
        has_registration_date=day is not None,
    )
    try:
        core.decide_agreement_status(state, target)
    except CooperationRefusedError as refused:
        raise CooperationError.from_core(refused) from refused
    if target is core.AgreementStatus.REGISTERED:
        agreement.registration_number, agreement.registered_on = number, day
    _set_status(agreement, target.value, actor=actor, now=now, reason=reason)
    agreement.save()
    touch(agreement.case_id, now=now)
    _tell(
        agreement,
        lambda: (
            _("%(title)s is now: %(status)s")
            % {"title": localize(agreement.title), "status": AgreementStatus(agreement.status).label}
        ),
        actor,
        now,
    )
    return agreement


def current_document(agreement: Agreement) -> AgreementDocument | None:
    return agreement.documents.filter(is_current=True).first()
