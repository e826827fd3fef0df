"""Cooperation endpoints: cases (+ messages), agreements, projects (+ milestones), read and written
through the same access funnel and domain rules as the pages. A refusal answers 422 with one
`{"field", "reason"}` per problem, the reason in the caller's language; what the caller may not see
answers 404. A project's `status` uses the stage names signed / started / implemented / completed /
abandoned; an agreement's `kind` is one of mou, framework_agreement, cooperation_agreement, licence,
technology_contract."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, File, Form, Router, Schema
from ninja import Status as Reply
from ninja.files import UploadedFile
from ninja.pagination import paginate

from techbridge.api.auth import READ, READ_OPENAPI, WRITE
from techbridge.api.pagination import BoundedPageNumberPagination
from techbridge.api.schemas import ErrorOut
from techbridge.common.multilingual import clean_translations
from techbridge.cooperation.access import (
    access_agreement,
    access_case,
    access_milestone,
    access_project,
    owner_hidden_from,
    sees_internal_notes,
    shows_amounts,
    visible_agreements,
    visible_cases,
    visible_messages,
    visible_projects,
)
from techbridge.cooperation.domain.agreements import (
    AgreementDraft,
    PartyIn,
    check_change_status,
    check_create_agreement,
    check_update_agreement,
    check_upload_document,
    draft_of,
)
from techbridge.cooperation.domain.cases import (
    check_change_stage,
    check_start_by_broker,
    check_start_from_interest,
)
from techbridge.cooperation.domain.errors import CooperationError, InvalidDraftError
from techbridge.cooperation.domain.messages import Upload, check_post_message
from techbridge.cooperation.domain.projects import (
    check_add_milestone,
    check_create_project,
    check_meet_milestone,
    check_project_status,
    check_report_figure,
)
from techbridge.cooperation.enums import CasePartyRole
from techbridge.cooperation.roles import CaseRole, case_roles, is_case_manager
from techbridge.cooperation.validators import MAX_DOCUMENT_BYTES
from techbridge.directory.models import Centre, Organisation
from techbridge.directory.roles import is_platform_admin, operated_centre_ids
from techbridge.market.access import access_interest

router = Router(tags=["cooperation"])
RESPONSES_WRITE: dict[int, Any] = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}


def _user(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


def _refused(error: CooperationError) -> Reply[Any]:
    problems = error.errors if isinstance(error, InvalidDraftError) else [error]
    return Reply(422, {"detail": [{"field": p.field or "__all__", "reason": p.message} for p in problems]})


def _bad(field: str, reason: str) -> Reply[Any]:
    return Reply(422, {"detail": [{"field": field, "reason": reason}]})


def _read_list(path: str, items: Any, *, page_size: int) -> Callable[[Callable[..., Any]], Any]:
    """A paginated list read with READ (a token, else the session, else anonymous): 401 for a bad token,
    422 for a bad page; a list under one object (its id in the path) answers 404 when it is not visible."""
    responses: dict[int, Any] = {200: items, 401: ErrorOut}
    if "{" in path:
        responses[404] = ErrorOut
    responses[422] = ErrorOut

    def route(view: Callable[..., Any]) -> Any:
        paginated = paginate(BoundedPageNumberPagination, page_size=page_size)(view)
        return router.get(path, response=responses, auth=READ, openapi_extra=READ_OPENAPI)(paginated)

    return route


class PartyOut(Schema):
    organisation_id: int
    role: str


class CaseOut(Schema):
    id: int
    title: dict[str, str]
    stage: str
    held_from: str
    source: str
    centre: str = Field(description="Slug of the responsible centre")
    broker_id: int | None
    event_id: int | None
    interest: UUID | None = Field(description="Public id of the expression of interest it started from")
    countries: list[str]
    parties: list[PartyOut] = Field(
        description="An anonymous listing owner is left out until it agrees to be named"
    )
    technology_fields: list[str]
    last_activity_at: datetime
    version: int = Field(description="Send it back with a change: a stale version is refused")

    @staticmethod
    def resolve_centre(case: Any) -> str:
        return str(case.centre.slug)

    @staticmethod
    def resolve_interest(case: Any) -> UUID | None:
        return case.interest.public_id if case.interest_id else None

    @staticmethod
    def resolve_parties(case: Any, context: Any) -> list[dict[str, Any]]:
        hidden = owner_hidden_from(context["request"].auth, case)
        return [
            {"organisation_id": p.organisation_id, "role": p.role}
            for p in case.parties.all()
            if not (hidden and p.role == CasePartyRole.LISTING_OWNER)
        ]

    @staticmethod
    def resolve_technology_fields(case: Any) -> list[str]:
        return [field.code for field in case.technology_fields.all()]


class CaseIn(Schema):
    interest: UUID | None = Field(None, description="Start from this accepted expression of interest")
    title: dict[str, str] = Field(default_factory=dict, description="For a case started by a broker")
    centre: str = Field("", description="Slug of the responsible centre (broker-started cases)")
    organisations: list[int] = Field(default_factory=list, description="Party organisations (broker-started)")


class CasePatch(Schema):
    stage: str
    reason: str = Field("", max_length=2000)
    version: int | None = None


class MessageOut(Schema):
    id: int
    author_id: int | None = Field(description="None while the author speaks for an owner still unnamed")
    channel: str
    body: str = Field(description="Plain text, as written")
    language: str
    created_at: datetime

    @staticmethod
    def resolve_author_id(message: Any) -> int | None:
        # visible_messages() hides an anonymous owner's people; a message just posted is the caller's own.
        return getattr(message, "shown_author_id", message.author_id)  # type: ignore[no-any-return]


class MessageIn(Schema):
    body: str = Field(max_length=16000)
    internal: bool = False


def _cases(user: Any) -> Any:
    return (
        visible_cases(user)
        .select_related("centre", "interest")
        .prefetch_related("parties", "technology_fields")
        .order_by("-last_activity_at", "-id")
    )


@_read_list("/cooperation/cases", list[CaseOut], page_size=25)
def list_cases(request: HttpRequest) -> Any:
    return _cases(_user(request))


@router.get(
    "/cooperation/cases/{case_id}",
    response={200: CaseOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    auth=READ,
    openapi_extra=READ_OPENAPI,
)
def get_case(request: HttpRequest, case_id: int) -> Any:
    return access_case(_user(request), case_id)


@router.post("/cooperation/cases", response={201: CaseOut, **RESPONSES_WRITE}, auth=WRITE)
def create_case(request: HttpRequest, payload: CaseIn) -> Any:
    user = _user(request)
    now = timezone.now()
    try:
        if payload.interest is not None:
            case = check_start_from_interest(
                interest=access_interest(user, payload.interest), actor=user, now=now
            )
        else:
            centre = Centre.objects.filter(slug=payload.centre[:50]).first()
            if centre is None:
                return _bad("centre", "Unknown centre")
            organisations = list(Organisation.objects.filter(pk__in=payload.organisations[:20]))
            case = check_start_by_broker(
                title=clean_translations(payload.title),
                centre=centre,
                organisations=organisations,
                actor=user,
                operated_centre_ids=operated_centre_ids(user),
                is_admin=is_platform_admin(user),
                now=now,
            )
    except CooperationError as error:
        return _refused(error)
    return Reply(201, access_case(user, case.pk))


@router.patch("/cooperation/cases/{case_id}", response={200: CaseOut, **RESPONSES_WRITE}, auth=WRITE)
def update_case(request: HttpRequest, case_id: int, payload: CasePatch) -> Any:
    user = _user(request)
    case = access_case(user, case_id)
    try:
        check_change_stage(
            case=case,
            target=payload.stage,
            reason=payload.reason,
            actor=user,
            may_manage=is_case_manager(user, case),
            expected_version=payload.version,
            now=timezone.now(),
        )
    except CooperationError as error:
        return _refused(error)
    return access_case(user, case_id)


@_read_list("/cooperation/cases/{case_id}/messages", list[MessageOut], page_size=50)
def list_messages(request: HttpRequest, case_id: int) -> Any:
    user = _user(request)
    return visible_messages(user, access_case(user, case_id))


@router.post(
    "/cooperation/cases/{case_id}/messages", response={201: MessageOut, **RESPONSES_WRITE}, auth=WRITE
)
def post_message(request: HttpRequest, case_id: int, payload: MessageIn) -> Any:
    return _post_message(request, case_id, body=payload.body, internal=payload.internal, file=None)


def _post_message(
    request: HttpRequest, case_id: int, *, body: str, internal: bool, file: UploadedFile | None
) -> Any:
    user = _user(request)
    case = access_case(user, case_id)
    uploads = (
        None
        if file is None
        else [Upload(name=file.name or "file", content=file.read(MAX_DOCUMENT_BYTES + 1))]
    )
    try:
        message = check_post_message(
            case=case,
            author=user,
            body=body,
            internal=internal,
            may_post_internal=sees_internal_notes(user, case),
            uploads=uploads,
            now=timezone.now(),
        )
    except CooperationError as error:
        return _refused(error)
    return Reply(201, message)


class AgreementPartyOut(Schema):
    organisation_id: int
    role: str
    registration_code: str


class AgreementOut(Schema):
    id: int
    case_id: int
    kind: str = Field(
        description="mou, framework_agreement, cooperation_agreement, licence, technology_contract"
    )
    title: dict[str, str]
    status: str
    category: str
    subtype: str
    total_amount: Decimal | None = Field(description="Null when confidential and the caller is not a party")
    technical_income: Decimal | None
    currency: str
    starts_on: date | None
    ends_on: date | None
    signed_on: date | None
    signed_place: str
    registration_number: str
    registered_on: date | None
    ip_type: str
    parties: list[AgreementPartyOut]
    version: int

    @staticmethod
    def resolve_total_amount(agreement: Any, context: Any) -> Decimal | None:
        return agreement.total_amount if shows_amounts(context["request"].auth, agreement) else None

    @staticmethod
    def resolve_technical_income(agreement: Any, context: Any) -> Decimal | None:
        return agreement.technical_income if shows_amounts(context["request"].auth, agreement) else None

    @staticmethod
    def resolve_parties(agreement: Any) -> list[Any]:
        return list(agreement.parties.all())


class AgreementPartyIn(Schema):
    organisation_id: int
    role: str
    registration_code: str = Field("", max_length=40)


class AgreementIn(Schema):
    case_id: int
    kind: str
    title: dict[str, str]
    parties: list[AgreementPartyIn] = Field(max_length=20)
    category: str = ""
    subtype: str = ""
    total_amount: Decimal | None = None
    technical_income: Decimal | None = None
    currency: str = Field("", max_length=3)
    starts_on: date | None = None
    ends_on: date | None = None
    signed_place: str = Field("", max_length=200)
    ip_type: str = "none"
    amounts_confidential: bool = False
    documents_confidential: bool = False


class AgreementStatusIn(Schema):
    status: str
    registration_number: str = Field("", max_length=60)
    registered_on: date | None = None
    reason: str = Field("", max_length=2000)


@_read_list("/cooperation/agreements", list[AgreementOut], page_size=25)
def list_agreements(request: HttpRequest) -> Any:
    return visible_agreements(_user(request)).prefetch_related("parties").order_by("-created_at", "-id")


@router.get(
    "/cooperation/agreements/{agreement_id}",
    response={200: AgreementOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    auth=READ,
    openapi_extra=READ_OPENAPI,
)
def get_agreement(request: HttpRequest, agreement_id: int) -> Any:
    return access_agreement(_user(request), agreement_id)


@router.post("/cooperation/agreements", response={201: AgreementOut, **RESPONSES_WRITE}, auth=WRITE)
def create_agreement(request: HttpRequest, payload: AgreementIn) -> Any:
    user = _user(request)
    case = access_case(user, payload.case_id)
    organisations = {
        o.pk: o for o in Organisation.objects.filter(pk__in=[p.organisation_id for p in payload.parties])
    }
    if len(organisations) != len({p.organisation_id for p in payload.parties}):
        return _bad("parties", "Unknown organisation")
    try:
        draft = AgreementDraft(
            kind=payload.kind,
            title=clean_translations(payload.title),
            parties=[
                PartyIn(
                    organisation=organisations[p.organisation_id],
                    role=p.role,
                    registration_code=p.registration_code,
                )
                for p in payload.parties
            ],
            category=payload.category,
            subtype=payload.subtype,
            total_amount=payload.total_amount,
            technical_income=payload.technical_income,
            currency=payload.currency.upper(),
            starts_on=payload.starts_on,
            ends_on=payload.ends_on,
            signed_place=payload.signed_place,
            ip_type=payload.ip_type,
            amounts_confidential=payload.amounts_confidential,
            documents_confidential=payload.documents_confidential,
        )
        agreement = check_create_agreement(
            case=case, draft=draft, actor=user, may_act=bool(case_roles(user, case)), now=timezone.now()
        )
    except CooperationError as error:
        return _refused(error)
    return Reply(201, access_agreement(user, agreement.pk))


@router.post(
    "/cooperation/agreements/{agreement_id}/status",
    response={200: AgreementOut, **RESPONSES_WRITE},
    auth=WRITE,
)
def change_agreement_status(request: HttpRequest, agreement_id: int, payload: AgreementStatusIn) -> Any:
    user = _user(request)
    agreement = access_agreement(user, agreement_id)
    try:
        check_change_status(
            agreement=agreement,
            target=payload.status,
            actor=user,
            may_manage=is_case_manager(user, agreement.case),
            registration_number=payload.registration_number,
            registered_on=payload.registered_on,
            reason=payload.reason,
            now=timezone.now(),
        )
    except CooperationError as error:
        return _refused(error)
    return access_agreement(user, agreement_id)


class MilestoneOut(Schema):
    id: int
    title: str
    due_on: date
    owner_id: int | None
    status: str
    evidence: str
    met_on: date | None
    overdue: bool

    @staticmethod
    def resolve_overdue(milestone: Any) -> bool:
        return milestone.overdue_since is not None


class ProjectOut(Schema):
    id: int
    agreement_id: int
    case_id: int
    title: dict[str, str]
    status: str = Field(description="signed, started, implemented, completed or abandoned")
    signed_on: date | None
    started_on: date | None
    implemented_on: date | None
    completed_on: date | None
    abandoned_on: date | None
    version: int


class ProjectIn(Schema):
    agreement_id: int
    title: dict[str, str] = Field(default_factory=dict)


class ProjectPatch(Schema):
    status: str
    reason: str = Field("", max_length=2000)
    on: date | None = None
    version: int | None = None


class MilestoneIn(Schema):
    title: str = Field(max_length=200)
    due_on: date


class MilestoneMet(Schema):
    evidence: str = Field(max_length=4000)


@_read_list("/cooperation/projects", list[ProjectOut], page_size=25)
def list_projects(request: HttpRequest) -> Any:
    return visible_projects(_user(request)).order_by("-created_at", "-id")


@router.get(
    "/cooperation/projects/{project_id}",
    response={200: ProjectOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    auth=READ,
    openapi_extra=READ_OPENAPI,
)
def get_project(request: HttpRequest, project_id: int) -> Any:
    return access_project(_user(request), project_id)


@router.post("/cooperation/projects", response={201: ProjectOut, **RESPONSES_WRITE}, auth=WRITE)
def create_project(request: HttpRequest, payload: ProjectIn) -> Any:
    user = _user(request)
    agreement = access_agreement(user, payload.agreement_id)
    try:
        project = check_create_project(
            agreement=agreement,
            title=clean_translations(payload.title),
            actor=user,
            may_act=bool(case_roles(user, agreement.case)),
            now=timezone.now(),
        )
    except CooperationError as error:
        return _refused(error)
    return Reply(201, project)


@router.patch("/cooperation/projects/{project_id}", response={200: ProjectOut, **RESPONSES_WRITE}, auth=WRITE)
def update_project(request: HttpRequest, project_id: int, payload: ProjectPatch) -> Any:
    user = _user(request)
    project = access_project(user, project_id)
    try:
        check_project_status(
            project=project,
            target=payload.status,
            reason=payload.reason,
            on=payload.on,
            actor=user,
            may_act=bool(case_roles(user, project.case)),
            expected_version=payload.version,
            now=timezone.now(),
        )
    except CooperationError as error:
        return _refused(error)
    return access_project(user, project_id)


@_read_list("/cooperation/projects/{project_id}/milestones", list[MilestoneOut], page_size=50)
def list_milestones(request: HttpRequest, project_id: int) -> Any:
    return access_project(_user(request), project_id).milestones.order_by("due_on", "id")


@router.post(
    "/cooperation/projects/{project_id}/milestones",
    response={201: MilestoneOut, **RESPONSES_WRITE},
    auth=WRITE,
)
def add_milestone(request: HttpRequest, project_id: int, payload: MilestoneIn) -> Any:
    user = _user(request)
    project = access_project(user, project_id)
    try:
        milestone = check_add_milestone(
            project=project,
            title=payload.title,
            due_on=payload.due_on,
            owner=user,
            actor=user,
            may_act=bool(case_roles(user, project.case)),
            now=timezone.now(),
        )
    except CooperationError as error:
        return _refused(error)
    return Reply(201, milestone)


@router.post(
    "/cooperation/projects/{project_id}/milestones/{milestone_id}/met",
    response={200: MilestoneOut, **RESPONSES_WRITE},
    auth=WRITE,
)
def meet_milestone(request: HttpRequest, project_id: int, milestone_id: int, payload: MilestoneMet) -> Any:
    user = _user(request)
    project = access_project(user, project_id)
    milestone = access_milestone(user, project, milestone_id)
    try:
        return check_meet_milestone(
            milestone=milestone,
            evidence=payload.evidence,
            actor=user,
            may_act=bool(case_roles(user, project.case)),
            now=timezone.now(),
        )
    except CooperationError as error:
        return _refused(error)


class AgreementPatch(Schema):
    """The terms to change (the others stay); the same rules as a new agreement, every problem at once.
    Only a draft changes; once a party has signed the current document version its terms (kind,
    category, sub-type, parties, amounts, currency, term, place and date of signing, IP) are locked
    until a new version is uploaded (422 naming the first locked term sent); the parties stay once anyone has signed."""

    version: int = Field(description="The version read: a stale version is refused (422 on `version`)")
    kind: str | None = None
    title: dict[str, str] | None = None
    parties: list[AgreementPartyIn] | None = Field(None, max_length=20)
    category: str | None = None
    subtype: str | None = None
    total_amount: Decimal | None = None
    technical_income: Decimal | None = None
    currency: str | None = Field(None, max_length=3)
    starts_on: date | None = None
    ends_on: date | None = None
    signed_place: str | None = Field(None, max_length=200)
    signed_on: date | None = None
    ip_type: str | None = None
    amounts_confidential: bool | None = None
    documents_confidential: bool | None = None


_NOT_NULL = {"kind", "title", "category", "subtype", "currency", "signed_place", "ip_type"}
_NOT_NULL |= {"amounts_confidential", "documents_confidential"}


@router.patch(
    "/cooperation/agreements/{agreement_id}",
    response={200: AgreementOut, **RESPONSES_WRITE},
    auth=WRITE,
)
def update_agreement(request: HttpRequest, agreement_id: int, payload: AgreementPatch) -> Any:
    user = _user(request)
    agreement = access_agreement(user, agreement_id)
    changes = payload.dict(exclude_unset=True)
    changes.pop("version", None)
    for name in _NOT_NULL & set(changes):
        if changes[name] is None:
            return _bad(name, "May not be null")
    parties = changes.pop("parties", None)
    if parties is not None:
        ids = {p["organisation_id"] for p in parties}
        organisations = {o.pk: o for o in Organisation.objects.filter(pk__in=ids)}
        if len(organisations) != len(ids):
            return _bad("parties", "Unknown organisation")
        changes["parties"] = [
            PartyIn(
                organisation=organisations[p["organisation_id"]],
                role=p["role"],
                registration_code=p["registration_code"],
            )
            for p in parties
        ]
    if "title" in changes:
        changes["title"] = clean_translations(changes["title"])
    if "currency" in changes:
        changes["currency"] = changes["currency"].upper()
    try:
        check_update_agreement(
            agreement=agreement,
            draft=replace(draft_of(agreement), **changes),
            actor=user,
            may_act=bool(case_roles(user, agreement.case)),
            expected_version=payload.version,
            now=timezone.now(),
        )
    except CooperationError as error:
        return _refused(error)
    return access_agreement(user, agreement_id)


class DocumentOut(Schema):
    id: int
    number: int = Field(description="Version number: 1, 2, …")
    original_name: str
    content_type: str
    size: int
    is_current: bool = Field(description="Only the current version can be signed")
    created_at: datetime


@router.post(
    "/cooperation/agreements/{agreement_id}/documents",
    response={201: DocumentOut, **RESPONSES_WRITE},
    auth=WRITE,
)
def upload_document(request: HttpRequest, agreement_id: int, file: File[UploadedFile]) -> Any:
    """A new version of the agreement's text (PDF, DOCX or ODT, content-checked); it becomes current."""
    user = _user(request)
    agreement = access_agreement(user, agreement_id)
    try:
        document = check_upload_document(
            agreement=agreement,
            name=file.name or "document",
            content=file.read(MAX_DOCUMENT_BYTES + 1),
            actor=user,
            may_act=bool(
                case_roles(user, agreement.case) - {CaseRole.ADMIN} or is_case_manager(user, agreement.case)
            ),
            now=timezone.now(),
        )
    except CooperationError as error:
        return _refused(error)
    return Reply(201, document)


@router.post(
    "/cooperation/cases/{case_id}/messages/with-attachment",
    response={201: MessageOut, **RESPONSES_WRITE},
    auth=WRITE,
)
def post_message_with_attachment(
    request: HttpRequest,
    case_id: int,
    file: File[UploadedFile],
    body: Form[str],
    internal: Form[bool] = False,
) -> Any:
    """A message with one attachment (multipart), content-checked like the page's."""
    return _post_message(request, case_id, body=body[:16001], internal=internal, file=file)


class FigureIn(Schema):
    kind: str = Field(description="investment, payments_received, products, patents_filed, people_exchanged")
    value: Decimal
    currency: str = Field("", max_length=3, description="For money figures: an ISO 4217 code")


class FigureOut(Schema):
    id: int
    kind: str
    value: Decimal
    currency: str
    reported_on: date


@router.post(
    "/cooperation/projects/{project_id}/figures",
    response={201: FigureOut, **RESPONSES_WRITE},
    auth=WRITE,
)
def report_figure(request: HttpRequest, project_id: int, payload: FigureIn) -> Any:
    user = _user(request)
    project = access_project(user, project_id)
    try:
        figure = check_report_figure(
            project=project,
            kind=payload.kind,
            value=payload.value,
            currency=payload.currency.upper(),
            actor=user,
            may_act=bool(case_roles(user, project.case)),
            now=timezone.now(),
        )
    except CooperationError as error:
        return _refused(error)
    return Reply(201, figure)
