"""Agreement pages: drafting from a case, the agreement with its parties, documents and signatures,
uploading a new version, signing for one's organisation, status changes and registration, and
downloading a document (confidential ones for the parties only)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from techbridge.cooperation.access import (
    access_agreement,
    access_case,
    access_document,
    operated_centres,
    owner_hidden_from,
    shows_amounts,
    shows_documents,
    visible_agreements,
)
from techbridge.cooperation.domain.agreements import (
    AgreementDraft,
    PartyIn,
    check_change_status,
    check_create_agreement,
    check_sign,
    check_update_agreement,
    check_upload_document,
    current_document,
    draft_of,
    locked_terms,
)
from techbridge.cooperation.domain.documents import DRAFT_KINDS, DRAFT_LANGUAGES, draft_docx
from techbridge.cooperation.domain.errors import CooperationError, InvalidDraftError
from techbridge.cooperation.domain.projects import check_create_project
from techbridge.cooperation.domain.registration import (
    Period,
    RegistrationExportError,
    contracts_for,
    registration_xlsx,
)
from techbridge.cooperation.enums import AgreementStatus
from techbridge.cooperation.forms import (
    TERM_FIELDS,
    AgreementEditForm,
    AgreementForm,
    AgreementStatusForm,
    DocumentForm,
    RegistrationExportForm,
)
from techbridge.cooperation.models import AgreementParty, CooperationCase
from techbridge.cooperation.roles import CaseRole, agreement_party_ids_of, case_roles, is_case_manager
from techbridge.cooperation.views.common import attempt, now, positive_int, read_upload, refuse, signed_in

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _may_act(request: HttpRequest, case: CooperationCase) -> bool:
    return bool(case_roles(signed_in(request), case))


def _draft(form: AgreementForm) -> AgreementDraft:
    data = form.cleaned_data
    parties = [
        PartyIn(
            organisation=party.organisation,
            role=data[f"role_{party.organisation_id}"],
            registration_code=data[f"code_{party.organisation_id}"],
        )
        for party in form.case_parties
        if data.get(f"role_{party.organisation_id}")
    ]
    return AgreementDraft(
        kind=data["kind"],
        title=data["title"],
        parties=parties,
        category=data["category"] or "",
        subtype=data["subtype"] or "",
        total_amount=data["total_amount"],
        technical_income=data["technical_income"],
        currency=(data["currency"] or "").upper(),
        starts_on=data["starts_on"],
        ends_on=data["ends_on"],
        signed_place=data["signed_place"],
        signed_on=data["signed_on"],
        ip_type=data["ip_type"],
        amounts_confidential=data["amounts_confidential"],
        documents_confidential=data["documents_confidential"],
    )


@login_required
def agreement_new(request: HttpRequest, pk: int) -> HttpResponse:
    case = access_case(signed_in(request), pk)
    parties = list(case.parties.select_related("organisation"))
    form = AgreementForm(request.POST or None, parties=parties)
    if request.method == "POST" and form.is_valid():
        try:
            agreement = check_create_agreement(
                case=case,
                draft=_draft(form),
                actor=signed_in(request),
                may_act=_may_act(request, case),
                now=now(),
            )
        except InvalidDraftError as errors:
            for field, texts in errors.by_field().items():
                form.add_error(field if field in form.fields else None, texts)
        except CooperationError as error:
            form.add_error(None, error.message)
        else:
            return redirect("cooperation:agreement", pk=agreement.pk)
    return render(request, "cooperation/agreement_form.html", {"case": case, "form": form})


def _initial(agreement: Any) -> dict[str, Any]:
    draft = draft_of(agreement)
    initial: dict[str, Any] = {
        name: getattr(draft, name)
        for name in (*TERM_FIELDS, "title", "amounts_confidential", "documents_confidential")
    }
    for party in draft.parties:
        initial[f"role_{party.organisation.pk}"] = party.role
        initial[f"code_{party.organisation.pk}"] = party.registration_code
    initial["version"] = agreement.version
    return initial


@login_required
def agreement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a draft agreement's terms: the API PATCH's rules (check_update_agreement). Terms a
    signature on the current version binds are shown read-only; a posted version older than the
    agreement's (someone signed or changed it meanwhile) is refused."""
    agreement = access_agreement(signed_in(request), pk)
    case = agreement.case
    locked = locked_terms(agreement)
    editable = agreement.status == AgreementStatus.DRAFT
    form = AgreementEditForm(
        request.POST if request.method == "POST" and editable else None,
        parties=list(case.parties.select_related("organisation")),
        initial=_initial(agreement),
        locked=locked,
    )
    status = 200
    if request.method == "POST" and editable:
        if form.is_valid():
            try:
                check_update_agreement(
                    agreement=agreement,
                    draft=_draft(form),
                    actor=signed_in(request),
                    may_act=_may_act(request, case),
                    expected_version=form.cleaned_data["version"],
                    now=now(),
                )
            except InvalidDraftError as errors:
                for field, texts in errors.by_field().items():
                    form.add_error(field if field in form.fields else None, texts)
            except CooperationError as error:
                visible = {field.name for field in form.visible_fields()}
                form.add_error(error.field if error.field in visible else None, error.message)
            else:
                messages.success(request, _("The agreement's terms are saved."))
                return redirect("cooperation:agreement", pk=agreement.pk)
        status = 422
    elif request.method == "POST":
        status = 422  # the page says why: only a draft's terms change
    context = {"case": case, "agreement": agreement, "form": form, "editable": editable, "locked": locked}
    return render(request, "cooperation/agreement_edit.html", context, status=status)


def _agreement_context(request: HttpRequest, agreement: Any) -> dict[str, Any]:
    case = agreement.case
    signable = agreement_party_ids_of(signed_in(request), agreement)
    document = current_document(agreement)
    signed = set(document.signatures.values_list("party_id", flat=True)) if document else set()
    return {
        "agreement": agreement,
        "case": case,
        "parties": agreement.parties.select_related("organisation"),
        "show_amounts": shows_amounts(signed_in(request), agreement),
        "show_documents": shows_documents(signed_in(request), agreement),
        "documents": agreement.documents.order_by("-number"),
        "current": document,
        "signatures": agreement.signatures.select_related("party__organisation", "signed_by", "document"),
        "sign_for": [
            p
            for p in agreement.parties.select_related("organisation")
            if p.pk in signable and p.pk not in signed
        ],
        "manager": is_case_manager(signed_in(request), case),
        "may_act": bool(case_roles(signed_in(request), case)),
        "terms_locked": agreement.status == AgreementStatus.DRAFT and document is not None and bool(signed),
        "document_form": DocumentForm(),
        "status_form": AgreementStatusForm(),
        "projects": agreement.projects.all(),
    }


@login_required
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = access_agreement(signed_in(request), pk)
    return render(request, "cooperation/agreement_detail.html", _agreement_context(request, agreement))


@login_required
@require_POST
def upload_document(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = access_agreement(signed_in(request), pk)
    form = DocumentForm(request.POST, request.FILES)
    upload = read_upload(form.files.get("file")) if form.is_valid() else None
    if upload is None:
        messages.error(request, _("Choose a file."))
        return redirect("cooperation:agreement", pk=agreement.pk)
    attempt(
        request,
        lambda: check_upload_document(
            agreement=agreement,
            name=upload.name,
            content=upload.content,
            actor=signed_in(request),
            may_act=bool(
                case_roles(signed_in(request), agreement.case) - {CaseRole.ADMIN}
                or is_case_manager(signed_in(request), agreement.case)
            ),
            now=now(),
        ),
    )
    return redirect("cooperation:agreement", pk=agreement.pk)


@login_required
@require_POST
def sign(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = access_agreement(signed_in(request), pk)
    document = current_document(agreement)
    party = AgreementParty.objects.filter(
        agreement=agreement, pk=positive_int(request.POST.get("party")) or 0
    ).first()
    version = positive_int(request.POST.get("document"))
    if version is not None:
        document = agreement.documents.filter(pk=version).first() or document
    if document is None or party is None:
        refuse(request, CooperationError("no_document" if document is None else "not_a_party"))
        return redirect("cooperation:agreement", pk=agreement.pk)
    attempt(
        request,
        lambda: check_sign(
            agreement=agreement,
            document=document,
            party=party,
            actor=signed_in(request),
            may_sign=party.pk in agreement_party_ids_of(signed_in(request), agreement),
            now=now(),
        ),
    )
    return redirect("cooperation:agreement", pk=agreement.pk)


@login_required
@require_POST
def change_status(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = access_agreement(signed_in(request), pk)
    form = AgreementStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the status, number and date."))
        return redirect("cooperation:agreement", pk=agreement.pk)
    data = form.cleaned_data
    attempt(
        request,
        lambda: check_change_status(
            agreement=agreement,
            target=data["status"],
            actor=signed_in(request),
            may_manage=is_case_manager(signed_in(request), agreement.case),
            registration_number=data["registration_number"],
            registered_on=data["registered_on"],
            reason=data["reason"],
            now=now(),
        ),
    )
    return redirect("cooperation:agreement", pk=agreement.pk)


@login_required
@require_POST
def create_project(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = access_agreement(signed_in(request), pk)
    project = attempt(
        request,
        lambda: check_create_project(
            agreement=agreement,
            title={},
            actor=signed_in(request),
            may_act=bool(case_roles(signed_in(request), agreement.case)),
            now=now(),
        ),
    )
    if project is None:
        return redirect("cooperation:agreement", pk=agreement.pk)
    return redirect("cooperation:project", pk=project.pk)


@login_required
def download_document(request: HttpRequest, pk: int) -> FileResponse:
    document = access_document(signed_in(request), pk)
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )


@login_required
def draft_document(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """A draft MoU or technology contract as DOCX in the asked language (default: the reader's)."""
    case = access_case(signed_in(request), pk)
    language = request.GET.get("lang") or get_language() or "en"
    if kind not in DRAFT_KINDS or language not in DRAFT_LANGUAGES:
        raise Http404
    if owner_hidden_from(signed_in(request), case):
        raise Http404  # the draft names every party: not before an anonymous owner agrees to be named
    agreement = case.agreements.filter(kind=kind).order_by("-created_at").first()
    if agreement is not None and not shows_amounts(signed_in(request), agreement):
        agreement = None  # confidential terms stay with the parties
    content = draft_docx(case=case, kind=kind, language=language, agreement=agreement)
    response = HttpResponse(content, content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="draft-{kind}-{case.pk}-{language}.docx"'
    return response


@login_required
def registration_export(request: HttpRequest) -> HttpResponse:
    """Technology contracts of a period and one of the user's centres, for the registration office."""
    user = signed_in(request)
    form = RegistrationExportForm(request.GET or None)
    centres = operated_centres(user)
    if not centres.exists():
        raise Http404
    if form.is_valid():
        centre = centres.filter(pk=form.cleaned_data["centre"] or 0).first() or centres.first()
        period = Period(start=form.cleaned_data["start"], end=form.cleaned_data["end"])
        contracts = contracts_for(visible_agreements(user), centre_id=centre.pk, period=period)  # type: ignore[union-attr]
        try:
            content = registration_xlsx(contracts)
        except RegistrationExportError as refused:
            return render(
                request,
                "cooperation/registration_export.html",
                {"form": form, "centres": centres, "missing": refused.missing},
            )
        response = HttpResponse(content, content_type=XLSX_TYPE)
        response["Content-Disposition"] = 'attachment; filename="technology-contracts.xlsx"'
        return response
    return render(request, "cooperation/registration_export.html", {"form": form, "centres": centres})
