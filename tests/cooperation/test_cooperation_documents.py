"""DOCX drafts in three languages and the registration export, opened and read back."""

from __future__ import annotations

import io

import pytest
from coop_world import NOW, PDF, Coop, draft_contract
from docx import Document
from openpyxl import load_workbook

from factories import technology_field
from techbridge.cooperation.domain.agreements import check_sign, check_upload_document
from techbridge.cooperation.models import Agreement
from world import client_for


def _text(content: bytes) -> str:
    return "\n".join(paragraph.text for paragraph in Document(io.BytesIO(content)).paragraphs)


def _signed(coop: Coop, **fields: object) -> Agreement:
    agreement = draft_contract(coop, **fields)
    document = check_upload_document(
        agreement=agreement, name="c.pdf", content=PDF, actor=coop.broker, may_act=True, now=NOW
    )
    for party, user in zip(agreement.parties.order_by("id"), (coop.owner, coop.partner), strict=True):
        check_sign(agreement=agreement, document=document, party=party, actor=user, may_sign=True, now=NOW)
    agreement.refresh_from_db()
    return agreement


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("zh-hans", ["技术合同", "许可方", "重庆电池厂", "技术性收入"]),
        ("en", ["Draft technology contract", "Licensor", "Chongqing Battery Works", "technical income"]),
        ("hu", ["Műszaki szerződés (tervezet)", "Licenciaadó", "Győri Motor", "műszaki bevétel"]),
    ],
)
def test_the_technology_contract_draft_speaks_each_language(
    coop: Coop, language: str, expected: list[str]
) -> None:
    draft_contract(coop)
    response = client_for(coop.broker).get(
        f"/cooperation/cases/{coop.case.pk}/drafts/technology_contract.docx?lang={language}"
    )
    assert response.status_code == 200
    text = _text(response.content)
    for fragment in expected:
        assert fragment in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [("zh-hans", "合作备忘录"), ("en", "memorandum of understanding"), ("hu", "egyetértési")],
)
def test_the_mou_draft_names_the_case_parties(coop: Coop, language: str, expected: str) -> None:
    response = client_for(coop.partner).get(
        f"/cooperation/cases/{coop.case.pk}/drafts/mou.docx?lang={language}"
    )
    text = _text(response.content)
    assert expected in text.casefold() or expected in text
    assert "Győr" in text
    assert (
        client_for(coop.outsider).get(f"/cooperation/cases/{coop.case.pk}/drafts/mou.docx").status_code == 404
    )
    assert (
        client_for(coop.broker).get(f"/cooperation/cases/{coop.case.pk}/drafts/other.docx").status_code == 404
    )


@pytest.mark.django_db
def test_the_registration_export_refuses_incomplete_contracts_with_a_list(coop: Coop) -> None:
    _signed(coop, technical_income=None)
    url = f"/cooperation/registration-export/?centre={coop.centre.pk}&start=2026-01-01&end=2026-12-31"
    page = client_for(coop.broker).get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert "missing" in body
    assert "technical income" in body
    assert "technology field" in body


@pytest.mark.django_db
def test_the_registration_export_reads_back_with_openpyxl(coop: Coop) -> None:
    coop.case.technology_fields.set([technology_field("2.5")])
    _signed(coop, title={"en": '=HYPERLINK("http://evil")'})
    url = f"/cooperation/registration-export/?centre={coop.centre.pk}&start=2026-01-01&end=2026-12-31"
    response = client_for(coop.broker).get(url)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Contract name"
    assert len(rows) == 2
    name, number, _registration, category, subtype, parties, codes, total, income, currency, field, signed = (
        rows[1][:12]
    )
    assert name.startswith("'=")
    assert number.startswith("TB-")
    assert (category, subtype) == ("Technology transfer and licensing", "Licence")
    assert "Licensor: Chongqing Battery Works" in parties
    assert "91500000MA5U000000" in codes
    assert (float(total), float(income), currency, field) == (1000000.0, 800000.0, "CNY", "2.5")
    assert signed.date() == NOW.date()
    assert client_for(coop.partner).get(url).status_code == 404
    empty = client_for(coop.broker).get(
        f"/cooperation/registration-export/?centre={coop.centre.pk}&start=2020-01-01&end=2020-12-31"
    )
    assert len(list(load_workbook(io.BytesIO(empty.content)).active.iter_rows())) == 1
