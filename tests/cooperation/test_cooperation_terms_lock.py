"""An agreement's terms: the web form edits them under the API PATCH's rules (one domain function),
and a signature on the current document version locks them in both, in the reader's language; a new
document version reopens them. Outsiders get 404; bad input gives messages and saves nothing."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from coop_world import NOW, PDF, Coop, draft_contract

from techbridge.cooperation.domain.agreements import check_sign, check_upload_document
from techbridge.cooperation.models import Agreement, AgreementDocument
from world import client_for

API = "/api/v1/cooperation/agreements"
LOCKED_HU = "Egy fél aláírta a dokumentum jelenlegi változatát: a feltételei zárolva vannak."


def _edit_url(agreement: Agreement) -> str:
    return f"/cooperation/agreements/{agreement.pk}/edit/"


def _form_data(coop: Coop, agreement: Agreement, **changes: str) -> dict[str, str]:
    """What the edit form posts for the agreement as drafted by coop_world, with `changes`."""
    data = {
        "kind": "technology_contract",
        "title_en": "Electrolyte licence",
        "title_zh-hans": "电解液许可合同",
        "title_hu": "Elektrolit licenc",
        "category": "transfer",
        "subtype": "licence",
        "total_amount": "1000000.00",
        "technical_income": "800000.00",
        "currency": "CNY",
        "starts_on": "2026-12-01",
        "ends_on": "2029-11-30",
        "signed_place": "Chongqing",
        "signed_on": "",
        "ip_type": "patent",
        f"role_{coop.owner_org.pk}": "licensor",
        f"code_{coop.owner_org.pk}": "91500000MA5U000000",
        f"role_{coop.partner_org.pk}": "licensee",
        f"code_{coop.partner_org.pk}": "Cg.08-09-000000",
        "version": str(agreement.version),
    }
    data.update(changes)
    return data


def _sign_owner(coop: Coop, agreement: Agreement) -> AgreementDocument:
    document = check_upload_document(
        agreement=agreement, name="v1.pdf", content=PDF, actor=coop.broker, may_act=True, now=NOW
    )
    party = agreement.parties.get(organisation=coop.owner_org)
    check_sign(agreement=agreement, document=document, party=party, actor=coop.owner, may_sign=True, now=NOW)
    agreement.refresh_from_db()
    return document


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["broker", "owner", "partner"])
def test_the_form_edits_the_terms_before_any_signature(coop: Coop, role: str) -> None:
    agreement = draft_contract(coop)
    client = client_for(coop.user(role))
    page = client.get(_edit_url(agreement), HTTP_ACCEPT_LANGUAGE="hu")
    assert page.status_code == 200
    assert 'value="1000000.00"' in page.content.decode()  # filled with the current terms
    assert 'name="starts_on" value="2026-12-01"' in page.content.decode()  # ISO, whatever the language
    assert "disabled" not in page.content.decode()
    saved = client.post(
        _edit_url(agreement),
        _form_data(coop, agreement, total_amount="2500000", currency="eur", ends_on="2030-06-30"),
    )
    assert saved.status_code == 302
    after = Agreement.objects.get(pk=agreement.pk)
    assert after.total_amount == Decimal(2500000)
    assert after.currency == "EUR"
    assert str(after.ends_on) == "2030-06-30"
    assert after.version == agreement.version + 1
    assert after.parties.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"technical_income": "2000000"}, "A műszaki bevétel nem haladhatja meg a teljes összeget."),
        ({"ends_on": "2026-01-01"}, "Az időtartam vége nem lehet a kezdete előtt."),
        ({"total_amount": "-5"}, "Az összeg nem lehet negatív."),
        ({"currency": "ABC"}, "Ismeretlen pénznem: használjon ISO 4217 kódot, például CNY, EUR vagy HUF."),
    ],
)
def test_bad_input_in_the_form_gives_messages_and_saves_nothing(
    coop: Coop, changes: dict[str, str], message: str
) -> None:
    agreement = draft_contract(coop)
    page = client_for(coop.broker).post(
        _edit_url(agreement), _form_data(coop, agreement, **changes), HTTP_ACCEPT_LANGUAGE="hu"
    )
    assert page.status_code == 422
    assert message in page.content.decode()
    after = Agreement.objects.get(pk=agreement.pk)
    assert after.version == agreement.version
    assert after.total_amount == Decimal("1000000.00")
    assert after.currency == "CNY"
    assert str(after.ends_on) == "2029-11-30"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["outsider", "other_broker"])
def test_outsiders_get_404_on_the_form(coop: Coop, role: str) -> None:
    agreement = draft_contract(coop)
    client = client_for(coop.user(role))
    assert client.get(_edit_url(agreement)).status_code == 404
    posted = client.post(_edit_url(agreement), _form_data(coop, agreement, total_amount="1"))
    assert posted.status_code == 404
    assert Agreement.objects.get(pk=agreement.pk).total_amount == Decimal("1000000.00")


@pytest.mark.django_db
def test_a_signature_locks_the_terms_in_the_api_in_the_readers_language(coop: Coop) -> None:
    agreement = draft_contract(coop)
    _sign_owner(coop, agreement)
    client = client_for(coop.broker)
    for change in (
        {"total_amount": "5"},
        {"currency": "EUR"},
        {"kind": "licence", "category": "", "subtype": ""},
        {"ends_on": "2031-01-01"},
        {"ip_type": "none"},
        {"signed_place": "Budapest"},
    ):
        refused = client.patch(
            f"{API}/{agreement.pk}",
            {"version": agreement.version, **change},
            content_type="application/json",
            HTTP_ACCEPT_LANGUAGE="hu",
        )
        assert refused.status_code == 422, change
        assert refused.json()["detail"] == [
            {"field": next(iter(change)), "reason": refused.json()["detail"][0]["reason"]}
        ]
        assert LOCKED_HU in refused.json()["detail"][0]["reason"]
    refused_zh = client.patch(
        f"{API}/{agreement.pk}",
        {"version": agreement.version, "total_amount": "5"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert "其条款已锁定" in refused_zh.json()["detail"][0]["reason"]
    after = Agreement.objects.get(pk=agreement.pk)
    assert (after.total_amount, after.currency, after.version) == (
        Decimal("1000000.00"),
        "CNY",
        agreement.version,
    )
    # the title is no term of the contract: it may still be corrected
    renamed = client.patch(
        f"{API}/{agreement.pk}",
        {"version": agreement.version, "title": {"en": "Electrolyte licence (final)"}},
        content_type="application/json",
    )
    assert renamed.status_code == 200
    assert renamed.json()["title"] == {"en": "Electrolyte licence (final)"}


@pytest.mark.django_db
def test_a_signature_locks_the_terms_in_the_form(coop: Coop) -> None:
    agreement = draft_contract(coop)
    _sign_owner(coop, agreement)
    client = client_for(coop.partner)
    page = client.get(_edit_url(agreement), HTTP_ACCEPT_LANGUAGE="hu")
    assert page.status_code == 200
    body = page.content.decode()
    assert LOCKED_HU in body
    total = re.search(r'<input[^>]*name="total_amount"[^>]*>', body)
    title = re.search(r'<input[^>]*name="title_en"[^>]*>', body)
    assert total is not None
    assert title is not None
    assert 'value="1000000.00"' in total.group()
    assert "disabled" in total.group()
    assert "disabled" not in title.group()  # the title stays editable
    # a posted change of a locked field does not reach the terms (the fields keep the signed values)
    posted = client.post(_edit_url(agreement), _form_data(coop, agreement, total_amount="5"))
    assert posted.status_code == 302
    assert Agreement.objects.get(pk=agreement.pk).total_amount == Decimal("1000000.00")
    # a form read before the signature is refused: the signature moved the version on
    agreement.refresh_from_db()
    stale = client.post(
        _edit_url(agreement),
        _form_data(coop, agreement, total_amount="5", version=str(agreement.version - 1)),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert stale.status_code == 422
    assert "Someone else changed this in the meantime" in stale.content.decode()
    assert Agreement.objects.get(pk=agreement.pk).total_amount == Decimal("1000000.00")


@pytest.mark.django_db
def test_a_new_document_version_reopens_the_terms_but_not_the_parties(coop: Coop) -> None:
    agreement = draft_contract(coop)
    _sign_owner(coop, agreement)
    check_upload_document(
        agreement=agreement, name="v2.pdf", content=PDF, actor=coop.broker, may_act=True, now=NOW
    )
    agreement.refresh_from_db()
    client = client_for(coop.broker)
    assert "disabled" not in client.get(_edit_url(agreement)).content.decode()
    changed = client.patch(
        f"{API}/{agreement.pk}",
        {"version": agreement.version, "total_amount": "1200000", "technical_income": "900000"},
        content_type="application/json",
    )
    assert changed.status_code == 200
    assert Decimal(changed.json()["total_amount"]) == Decimal(1200000)
    parties = [
        {"organisation_id": p.organisation_id, "role": p.role, "registration_code": "NEW"}
        for p in agreement.parties.all()
    ]
    refused = client.patch(
        f"{API}/{agreement.pk}",
        {"version": changed.json()["version"], "parties": parties},
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["field"] == "parties"
    assert agreement.signatures.count() == 1  # the first version's signature is kept


@pytest.mark.django_db
def test_a_signed_agreement_is_not_edited(coop: Coop) -> None:
    agreement = draft_contract(coop)
    document = _sign_owner(coop, agreement)
    partner = agreement.parties.get(organisation=coop.partner_org)
    check_sign(
        agreement=agreement, document=document, party=partner, actor=coop.partner, may_sign=True, now=NOW
    )
    agreement.refresh_from_db()
    assert agreement.status == "signed"
    client = client_for(coop.broker)
    page = client.get(_edit_url(agreement))
    assert page.status_code == 200
    assert "terms can be changed." in page.content.decode()
    assert 'name="total_amount"' not in page.content.decode()
    posted = client.post(_edit_url(agreement), _form_data(coop, agreement, signed_place="Budapest"))
    assert posted.status_code == 422
    assert Agreement.objects.get(pk=agreement.pk).signed_place == "Chongqing"
