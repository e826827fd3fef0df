"""Agreements, documents and signatures, projects and milestones, messages: the rules hold and bad
input is refused with a clear message, nothing half-written."""

from __future__ import annotations

import io
import zipfile
from datetime import date, timedelta
from decimal import Decimal

import pytest
from coop_world import NOW, PDF, Coop, contract_draft, draft_contract
from django.core.files.uploadedfile import SimpleUploadedFile

from techbridge.cooperation.domain.agreements import (
    PartyIn,
    check_change_status,
    check_create_agreement,
    check_sign,
    check_upload_document,
)
from techbridge.cooperation.domain.errors import CooperationError, InvalidDraftError
from techbridge.cooperation.domain.messages import Upload, check_post_message
from techbridge.cooperation.domain.projects import (
    check_add_milestone,
    check_create_project,
    check_meet_milestone,
    check_project_status,
    check_report_figure,
    flag_overdue_milestones,
)
from techbridge.cooperation.models import Agreement, CaseMessage, Milestone
from world import client_for


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _signed_contract(coop: Coop) -> Agreement:
    agreement = draft_contract(coop)
    document = check_upload_document(
        agreement=agreement, name="licence.pdf", content=PDF, actor=coop.broker, may_act=True, now=NOW
    )
    for party, user in zip(agreement.parties.order_by("id"), (coop.owner, coop.partner), strict=True):
        check_sign(agreement=agreement, document=document, party=party, actor=user, may_sign=True, now=NOW)
    agreement.refresh_from_db()
    return agreement


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"total_amount": Decimal(-5)}, "total_amount", "amount_negative"),
        ({"total_amount": Decimal("1e16")}, "total_amount", "amount_absurd"),
        ({"technical_income": Decimal(2000000)}, "technical_income", "income_above_total"),
        ({"ends_on": date(2026, 1, 1)}, "ends_on", "end_before_start"),
        ({"currency": "ABC"}, "currency", "currency_unknown"),
        ({"subtype": "commissioned"}, "subtype", "subtype_mismatch"),
    ],
)
def test_bad_terms_are_refused_and_nothing_is_written(
    coop: Coop, fields: dict, field: str, code: str
) -> None:
    with pytest.raises(InvalidDraftError) as refused:
        draft_contract(coop, **fields)
    assert (field, code) in {(error.field, error.code) for error in refused.value.errors}
    assert not Agreement.objects.exists()


@pytest.mark.django_db
def test_the_form_shows_the_refusal_in_the_readers_language(coop: Coop) -> None:
    data = {
        "kind": "technology_contract",
        "title_en": "Licence",
        "category": "transfer",
        "subtype": "licence",
        "total_amount": "100",
        "technical_income": "200",
        "currency": "CNY",
        "ip_type": "patent",
        f"role_{coop.owner_org.pk}": "licensor",
        f"role_{coop.partner_org.pk}": "licensee",
    }
    page = client_for(coop.broker).post(
        f"/cooperation/cases/{coop.case.pk}/agreements/new/", data, HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert page.status_code == 200
    assert "技术性收入不能超过合同总金额。" in page.content.decode()
    data["technical_income"] = "80"
    created = client_for(coop.broker).post(f"/cooperation/cases/{coop.case.pk}/agreements/new/", data)
    assert created.status_code == 302
    assert Agreement.objects.get().parties.count() == 2


@pytest.mark.django_db
def test_parties_must_fill_the_roles_of_the_category(coop: Coop) -> None:
    parties = [PartyIn(organisation=coop.owner_org, role="transferor")]
    with pytest.raises(InvalidDraftError) as refused:
        draft_contract(coop, subtype="patent_right", parties=parties)
    assert "two_parties_needed" in {error.code for error in refused.value.errors}


@pytest.mark.django_db
def test_both_parties_sign_the_current_version_then_the_case_is_signed(coop: Coop) -> None:
    agreement = _signed_contract(coop)
    assert agreement.status == "signed"
    coop.case.refresh_from_db()
    assert coop.case.stage == "signed"
    assert agreement.signatures.count() == 2


@pytest.mark.django_db
def test_a_signature_on_a_superseded_version_is_refused(coop: Coop) -> None:
    agreement = draft_contract(coop)
    first = check_upload_document(
        agreement=agreement, name="v1.pdf", content=PDF, actor=coop.broker, may_act=True, now=NOW
    )
    check_upload_document(
        agreement=agreement, name="v2.docx", content=_docx(), actor=coop.broker, may_act=True, now=NOW
    )
    party = agreement.parties.get(organisation=coop.owner_org)
    with pytest.raises(CooperationError, match="superseded_version"):
        check_sign(agreement=agreement, document=first, party=party, actor=coop.owner, may_sign=True, now=NOW)
    page = client_for(coop.owner).post(
        f"/cooperation/agreements/{agreement.pk}/sign/",
        {"party": party.pk, "document": first.pk},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="hu",
    )
    assert "felváltotta egy újabb" in page.content.decode()
    assert not agreement.signatures.exists()


@pytest.mark.django_db
def test_only_a_member_of_the_party_signs_for_it(coop: Coop) -> None:
    agreement = draft_contract(coop)
    check_upload_document(
        agreement=agreement, name="v1.pdf", content=PDF, actor=coop.broker, may_act=True, now=NOW
    )
    owner_party = agreement.parties.get(organisation=coop.owner_org)
    client_for(coop.partner).post(f"/cooperation/agreements/{agreement.pk}/sign/", {"party": owner_party.pk})
    assert not agreement.signatures.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("contract.pdf", b"MZ\x90\x00 not a pdf", "does not match its type"),
        ("contract.docx", b"PK\x03\x04 a zip but not a document", "does not match its type"),
        ("contract.exe", b"MZ", "cannot be uploaded here"),
        ("contract.pdf", b"%PDF-" + b"0" * (20 * 1024 * 1024), "too large"),
    ],
)
def test_disguised_or_oversize_documents_are_refused(
    coop: Coop, name: str, content: bytes, message: str
) -> None:
    agreement = draft_contract(coop)
    response = client_for(coop.owner).post(
        f"/cooperation/agreements/{agreement.pk}/documents/",
        {"file": SimpleUploadedFile(name, content)},
        follow=True,
    )
    assert message in response.content.decode()
    assert not agreement.documents.exists()


@pytest.mark.django_db
def test_registration_needs_a_number_and_a_date(coop: Coop) -> None:
    agreement = _signed_contract(coop)
    with pytest.raises(CooperationError, match="registration_details_missing"):
        check_change_status(
            agreement=agreement, target="registered", actor=coop.broker, may_manage=True, now=NOW
        )
    check_change_status(
        agreement=agreement,
        target="registered",
        actor=coop.broker,
        may_manage=True,
        registration_number="5001032026000042",
        registered_on=date(2026, 12, 1),
        now=NOW,
    )
    agreement.refresh_from_db()
    assert agreement.status == "registered"
    with pytest.raises(CooperationError, match="not_allowed"):
        check_change_status(
            agreement=agreement, target="in_force", actor=coop.partner, may_manage=False, now=NOW
        )


@pytest.mark.django_db
def test_projects_milestones_and_figures(coop: Coop) -> None:
    agreement = draft_contract(coop)
    with pytest.raises(CooperationError, match="agreement_not_signed"):
        check_create_project(agreement=agreement, title={}, actor=coop.broker, may_act=True, now=NOW)
    agreement = _signed_contract(coop)
    project = check_create_project(agreement=agreement, title={}, actor=coop.broker, may_act=True, now=NOW)
    assert project.status == "signed"
    milestone = check_add_milestone(
        project=project,
        title="Pilot line",
        due_on=date(2026, 12, 1),
        owner=coop.owner,
        actor=coop.owner,
        may_act=True,
        now=NOW,
    )
    with pytest.raises(CooperationError, match="evidence_required"):
        check_meet_milestone(milestone=milestone, evidence="  ", actor=coop.owner, may_act=True, now=NOW)
    check_project_status(
        project=project, target="started", reason="", on=None, actor=coop.owner, may_act=True, now=NOW
    )
    check_meet_milestone(milestone=milestone, evidence="Line runs", actor=coop.owner, may_act=True, now=NOW)
    check_project_status(
        project=project, target="implemented", reason="", on=None, actor=coop.owner, may_act=True, now=NOW
    )
    coop.case.refresh_from_db()
    assert coop.case.stage == "implemented"
    with pytest.raises(CooperationError, match="value_negative"):
        check_report_figure(
            project=project,
            kind="investment",
            value=Decimal(-1),
            currency="EUR",
            actor=coop.owner,
            may_act=True,
            now=NOW,
        )
    with pytest.raises(CooperationError, match="currency_unknown"):
        check_report_figure(
            project=project,
            kind="investment",
            value=Decimal(1),
            currency="ZZZ",
            actor=coop.owner,
            may_act=True,
            now=NOW,
        )
    check_report_figure(
        project=project,
        kind="patents_filed",
        value=Decimal(2),
        currency="",
        actor=coop.owner,
        may_act=True,
        now=NOW,
    )
    page = client_for(coop.partner).get(f"/cooperation/cases/{coop.case.pk}/").content.decode()
    for step in ("Listing published", "Expression of interest sent", "Signed", "Milestone met: Pilot line"):
        assert step in page


@pytest.mark.django_db
def test_no_milestone_on_an_abandoned_project(coop: Coop) -> None:
    project = check_create_project(
        agreement=_signed_contract(coop), title={}, actor=coop.broker, may_act=True, now=NOW
    )
    check_project_status(
        project=project,
        target="abandoned",
        reason="Funding withdrawn",
        on=None,
        actor=coop.broker,
        may_act=True,
        now=NOW,
    )
    project.refresh_from_db()
    with pytest.raises(CooperationError, match="project_abandoned"):
        check_add_milestone(
            project=project,
            title="Late",
            due_on=date(2027, 1, 1),
            owner=None,
            actor=coop.broker,
            may_act=True,
            now=NOW,
        )
    response = client_for(coop.owner).post(
        f"/cooperation/projects/{project.pk}/milestones/",
        {"title": "x", "due_on": "2027-01-01"},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert "项目已终止" in response.content.decode()
    assert not Milestone.objects.exists()


@pytest.mark.django_db
def test_overdue_milestones_are_flagged_once_and_the_parties_told(coop: Coop) -> None:
    project = check_create_project(
        agreement=_signed_contract(coop), title={}, actor=coop.broker, may_act=True, now=NOW
    )
    check_add_milestone(
        project=project,
        title="Prototype",
        due_on=NOW.date(),
        owner=None,
        actor=coop.broker,
        may_act=True,
        now=NOW,
    )
    assert flag_overdue_milestones(today=NOW.date(), now=NOW) == 0
    later = NOW + timedelta(days=3)
    assert flag_overdue_milestones(today=later.date(), now=later) == 1
    assert flag_overdue_milestones(today=later.date(), now=later) == 0
    assert coop.owner.notifications.filter(subject__startswith="Milestone overdue").exists()
    page = client_for(coop.broker).get("/cooperation/?stage=signed").content.decode()
    assert "Overdue milestone" in page


@pytest.mark.django_db
def test_messages_keep_their_language_strip_markup_and_hide_internal_notes(coop: Coop) -> None:
    check_post_message(
        case=coop.case,
        author=coop.partner,
        body="<script>alert(1)</script><b>Jó napot</b>, kérünk árajánlatot a licencre.",
        internal=False,
        may_post_internal=False,
        now=NOW,
    )
    check_post_message(
        case=coop.case,
        author=coop.owner,
        body="我们可以提供技术许可，价格面议。",
        internal=False,
        may_post_internal=False,
        now=NOW,
    )
    check_post_message(
        case=coop.case,
        author=coop.broker,
        body="Owner is flexible on price.",
        internal=True,
        may_post_internal=True,
        now=NOW,
    )
    with pytest.raises(CooperationError, match="not_allowed"):
        check_post_message(
            case=coop.case, author=coop.partner, body="x", internal=True, may_post_internal=False, now=NOW
        )
    with pytest.raises(CooperationError, match="empty_message"):
        check_post_message(
            case=coop.case,
            author=coop.partner,
            body="<p> </p>",
            internal=False,
            may_post_internal=False,
            now=NOW,
        )
    first = CaseMessage.objects.order_by("id").first()
    assert first is not None
    assert first.body == "Jó napot, kérünk árajánlatot a licencre."
    assert set(CaseMessage.objects.values_list("language", flat=True)) >= {"hu", "zh"}
    partner_page = client_for(coop.partner).get(f"/cooperation/cases/{coop.case.pk}/").content.decode()
    assert "我们可以提供技术许可" in partner_page
    assert "Owner is flexible" not in partner_page
    assert "<script>alert" not in partner_page
    assert (
        "Owner is flexible"
        in client_for(coop.broker).get(f"/cooperation/cases/{coop.case.pk}/").content.decode()
    )


@pytest.mark.django_db
def test_disguised_message_attachments_are_refused(coop: Coop) -> None:
    with pytest.raises(CooperationError) as refused:
        check_post_message(
            case=coop.case,
            author=coop.partner,
            body="see file",
            internal=False,
            may_post_internal=False,
            uploads=[Upload("photo.png", b"%PDF-1.4")],
            now=NOW,
        )
    assert "does not match" in refused.value.message
    assert not CaseMessage.objects.exists()


@pytest.mark.django_db
def test_confidential_amounts_and_documents_are_for_the_parties_only(coop: Coop) -> None:
    agreement = draft_contract(coop, amounts_confidential=True, documents_confidential=True)
    document = check_upload_document(
        agreement=agreement, name="v1.pdf", content=PDF, actor=coop.owner, may_act=True, now=NOW
    )
    assert (
        "1000000"
        not in client_for(coop.broker).get(f"/cooperation/agreements/{agreement.pk}/").content.decode()
    )
    assert (
        "1000000" in client_for(coop.partner).get(f"/cooperation/agreements/{agreement.pk}/").content.decode()
    )
    assert client_for(coop.broker).get(f"/cooperation/documents/{document.pk}/").status_code == 404
    assert client_for(coop.owner).get(f"/cooperation/documents/{document.pk}/").status_code == 200
    assert client_for(coop.outsider).get(f"/cooperation/agreements/{agreement.pk}/").status_code == 404


@pytest.mark.django_db
def test_a_contract_needs_parties_of_the_case(coop: Coop) -> None:
    from factories import make_organisation

    stranger = make_organisation()
    draft = contract_draft(
        coop,
        parties=[
            PartyIn(organisation=coop.owner_org, role="licensor"),
            PartyIn(organisation=stranger, role="licensee"),
        ],
    )
    with pytest.raises(InvalidDraftError) as refused:
        check_create_agreement(case=coop.case, draft=draft, actor=coop.broker, may_act=True, now=NOW)
    assert "party_not_in_case" in {error.code for error in refused.value.errors}


@pytest.mark.django_db
def test_the_project_pages_forms_act_as_the_signed_in_party(coop: Coop) -> None:
    project = check_create_project(
        agreement=_signed_contract(coop), title={}, actor=coop.broker, may_act=True, now=NOW
    )
    owner = client_for(coop.owner)
    base = f"/cooperation/projects/{project.pk}"
    owner.post(f"{base}/status/", {"status": "started", "version": project.version})
    owner.post(f"{base}/milestones/", {"title": "Pilot line", "due_on": "2027-01-01"})
    milestone = Milestone.objects.get(project=project)
    refused = owner.post(f"{base}/milestones/{milestone.pk}/meet/", {"evidence": ""}, follow=True)
    assert "Describe the evidence that the milestone was met." in refused.content.decode()
    owner.post(f"{base}/milestones/{milestone.pk}/meet/", {"evidence": "Line runs"})
    owner.post(f"{base}/figures/", {"kind": "investment", "value": "1000", "currency": "eur"})
    project.refresh_from_db()
    milestone.refresh_from_db()
    assert project.status == "started"
    assert (milestone.title, milestone.owner, milestone.status, milestone.evidence) == (
        "Pilot line",
        coop.owner,
        "met",
        "Line runs",
    )
    assert [(f.kind, f.value, f.currency) for f in project.figures.all()] == [
        ("investment", Decimal(1000), "EUR")
    ]
