"""Writing through the API what the pages write: an agreement's terms (PATCH, the same rules as the
form, 422 with field and reason, an optimistic version), document versions and message attachments
(content-checked uploads), a project's reported figures."""

from __future__ import annotations

from decimal import Decimal

import pytest
from coop_world import NOW, PDF, Coop, draft_contract
from django.core.files.uploadedfile import SimpleUploadedFile

from techbridge.cooperation.domain.agreements import check_sign, check_upload_document
from techbridge.cooperation.domain.projects import check_create_project
from techbridge.cooperation.models import Agreement, CaseMessage, ReportedFigure
from world import client_for

BASE = "/api/v1/cooperation"


def _patch(client: object, agreement: Agreement, data: dict[str, object], **extra: str) -> object:
    return client.patch(  # type: ignore[attr-defined]
        f"{BASE}/agreements/{agreement.pk}", data, content_type="application/json", **extra
    )


@pytest.mark.django_db
def test_an_agreements_terms_change_under_the_forms_rules_and_a_version(coop: Coop) -> None:
    agreement = draft_contract(coop)
    client = client_for(coop.broker)
    version = client.get(f"{BASE}/agreements/{agreement.pk}").json()["version"]
    refused = _patch(
        client,
        agreement,
        {"version": version, "total_amount": "100", "technical_income": "500", "ends_on": "2020-01-01"},
        HTTP_ACCEPT_LANGUAGE="hu",
    )
    assert refused.status_code == 422  # type: ignore[attr-defined]
    fields = {problem["field"] for problem in refused.json()["detail"]}  # type: ignore[attr-defined]
    assert {"technical_income", "ends_on"} <= fields
    agreement.refresh_from_db()
    assert agreement.version == version  # nothing half-written
    changed = _patch(client, agreement, {"version": version, "total_amount": "2500000", "currency": "eur"})
    assert changed.status_code == 200  # type: ignore[attr-defined]
    body = changed.json()  # type: ignore[attr-defined]
    assert Decimal(body["total_amount"]) == Decimal(2500000)
    assert body["currency"] == "EUR"
    assert body["version"] == version + 1
    assert body["title"]["en"] == "Electrolyte licence"  # what was not sent stays
    stale = _patch(client, agreement, {"version": version, "signed_place": "Budapest"})
    assert stale.status_code == 422  # type: ignore[attr-defined]
    assert stale.json()["detail"][0]["field"] == "version"  # type: ignore[attr-defined]
    assert _patch(client_for(coop.outsider), agreement, {"version": version + 1}).status_code == 404  # type: ignore[attr-defined]


@pytest.mark.django_db
def test_parties_stay_once_someone_signed(coop: Coop) -> None:
    agreement = draft_contract(coop)
    document = check_upload_document(
        agreement=agreement, name="c.pdf", content=PDF, actor=coop.broker, may_act=True, now=NOW
    )
    party = agreement.parties.get(organisation=coop.owner_org)
    check_sign(agreement=agreement, document=document, party=party, actor=coop.owner, may_sign=True, now=NOW)
    agreement.refresh_from_db()
    parties = [
        {"organisation_id": p.organisation_id, "role": p.role, "registration_code": "X"}
        for p in agreement.parties.all()
    ]
    refused = _patch(client_for(coop.broker), agreement, {"version": agreement.version, "parties": parties})
    assert refused.status_code == 422  # type: ignore[attr-defined]
    assert refused.json()["detail"][0]["field"] == "parties"  # type: ignore[attr-defined]


@pytest.mark.django_db
def test_document_versions_and_attachments_upload_through_the_api(coop: Coop) -> None:
    agreement = draft_contract(coop)
    client = client_for(coop.partner)
    first = client.post(
        f"{BASE}/agreements/{agreement.pk}/documents", {"file": SimpleUploadedFile("v1.pdf", PDF)}
    )
    assert first.status_code == 201
    second = client.post(
        f"{BASE}/agreements/{agreement.pk}/documents", {"file": SimpleUploadedFile("v2.pdf", PDF)}
    )
    assert second.json()["number"] == 2
    assert second.json()["is_current"] is True
    assert list(agreement.documents.values_list("number", "is_current")) == [(1, False), (2, True)]
    disguised = client.post(
        f"{BASE}/agreements/{agreement.pk}/documents",
        {"file": SimpleUploadedFile("evil.pdf", b"MZ\x90\x00 not a pdf")},
    )
    assert disguised.status_code == 422
    assert disguised.json()["detail"][0]["field"] == "file"
    message = client.post(
        f"{BASE}/cases/{coop.case.pk}/messages/with-attachment",
        {"body": "Specification attached", "file": SimpleUploadedFile("spec.pdf", PDF)},
    )
    assert message.status_code == 201
    assert CaseMessage.objects.get(pk=message.json()["id"]).attachments.get().original_name == "spec.pdf"
    assert (
        client_for(coop.outsider)
        .post(
            f"{BASE}/cases/{coop.case.pk}/messages/with-attachment",
            {"body": "x", "file": SimpleUploadedFile("a.pdf", PDF)},
        )
        .status_code
        == 404
    )


@pytest.mark.django_db
def test_project_figures_are_reported_through_the_api(coop: Coop) -> None:
    agreement = draft_contract(coop)
    Agreement.objects.filter(pk=agreement.pk).update(status="signed")
    agreement.refresh_from_db()
    project = check_create_project(agreement=agreement, title={}, actor=coop.broker, may_act=True, now=NOW)
    client = client_for(coop.partner)
    url = f"{BASE}/projects/{project.pk}/figures"
    made = client.post(
        url, {"kind": "investment", "value": "1500000", "currency": "cny"}, content_type="application/json"
    )
    assert made.status_code == 201
    assert made.json()["currency"] == "CNY"
    negative = client.post(
        url,
        {"kind": "patents_filed", "value": "-2"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert negative.status_code == 422
    assert negative.json()["detail"][0]["field"] == "value"
    assert ReportedFigure.objects.filter(project=project).count() == 1
    assert (
        client_for(coop.outsider)
        .post(url, {"kind": "products", "value": "1"}, content_type="application/json")
        .status_code
        == 404
    )
