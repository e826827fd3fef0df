"""The cooperation API: the same visibility and rules as the pages; refusals are 422 with field and reason."""

from __future__ import annotations

import pytest
from coop_world import COOP_ROLES, SEES_CASE, Coop, build_coop, draft_contract

from world import client_for

BASE = "/api/v1/cooperation"


@pytest.mark.django_db
@pytest.mark.parametrize("role", COOP_ROLES)
def test_the_case_and_its_lists_follow_the_access_funnel(coop: Coop, role: str) -> None:
    agreement = draft_contract(coop)
    client = client_for(coop.user(role))
    sees = role in SEES_CASE
    assert client.get(f"{BASE}/cases/{coop.case.pk}").status_code == (200 if sees else 404)
    assert client.get(f"{BASE}/agreements/{agreement.pk}").status_code == (200 if sees else 404)
    listed = client.get(f"{BASE}/cases").json()
    assert listed["count"] == (1 if sees else 0)
    assert client.get(f"{BASE}/agreements").json()["count"] == (1 if sees else 0)


@pytest.mark.django_db
def test_stage_changes_through_the_api_use_the_domain_rules(coop: Coop) -> None:
    client = client_for(coop.broker)
    case = client.get(f"{BASE}/cases/{coop.case.pk}").json()
    refused = client.patch(
        f"{BASE}/cases/{coop.case.pk}",
        {"stage": "abandoned", "reason": "", "version": case["version"]},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert refused.status_code == 422
    assert refused.json()["detail"] == [{"field": "reason", "reason": "请说明原因。"}]
    moved = client.patch(
        f"{BASE}/cases/{coop.case.pk}",
        {"stage": "on_hold", "reason": "budget", "version": case["version"]},
        content_type="application/json",
    )
    assert moved.status_code == 200
    assert moved.json()["stage"] == "on_hold"
    stale = client.patch(
        f"{BASE}/cases/{coop.case.pk}",
        {"stage": "negotiating", "version": case["version"]},
        content_type="application/json",
    )
    assert stale.status_code == 422
    assert stale.json()["detail"][0]["field"] == "version"
    party = client_for(coop.partner).patch(
        f"{BASE}/cases/{coop.case.pk}", {"stage": "negotiating"}, content_type="application/json"
    )
    assert party.status_code == 422


@pytest.mark.django_db
def test_bad_agreement_terms_answer_422_with_every_field(coop: Coop) -> None:
    payload = {
        "case_id": coop.case.pk,
        "kind": "technology_contract",
        "title": {"en": "Licence"},
        "category": "transfer",
        "subtype": "licence",
        "parties": [
            {"organisation_id": coop.owner_org.pk, "role": "licensor"},
            {"organisation_id": coop.partner_org.pk, "role": "licensee"},
        ],
        "total_amount": "-10",
        "technical_income": "5",
        "currency": "XXX",
        "starts_on": "2027-01-01",
        "ends_on": "2026-01-01",
    }
    response = client_for(coop.owner).post(f"{BASE}/agreements", payload, content_type="application/json")
    assert response.status_code == 422
    fields = {problem["field"] for problem in response.json()["detail"]}
    assert fields >= {"total_amount", "currency", "ends_on"}
    payload.update(total_amount="100.00", technical_income="50.00", currency="EUR", ends_on="2028-01-01")
    created = client_for(coop.owner).post(f"{BASE}/agreements", payload, content_type="application/json")
    assert created.status_code == 201
    assert created.json()["kind"] == "technology_contract"


@pytest.mark.django_db
def test_messages_and_projects_over_the_api(coop: Coop) -> None:
    client = client_for(coop.partner)
    posted = client.post(
        f"{BASE}/cases/{coop.case.pk}/messages",
        {"body": "<i>Szia</i>, mikor tárgyalunk?"},
        content_type="application/json",
    )
    assert posted.status_code == 201
    assert posted.json()["body"] == "Szia, mikor tárgyalunk?"
    internal = client.post(
        f"{BASE}/cases/{coop.case.pk}/messages",
        {"body": "secret", "internal": True},
        content_type="application/json",
    )
    assert internal.status_code == 422
    assert client.get(f"{BASE}/cases/{coop.case.pk}/messages").json()["count"] == 1
    agreement = draft_contract(coop)
    refused = client.post(f"{BASE}/projects", {"agreement_id": agreement.pk}, content_type="application/json")
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["field"] == "agreement"


@pytest.mark.django_db
def test_an_anonymous_owner_is_left_out_of_the_parties() -> None:
    coop = build_coop(anonymous=True)
    parties = client_for(coop.partner).get(f"{BASE}/cases/{coop.case.pk}").json()["parties"]
    assert [party["role"] for party in parties] == ["interested"]
    parties = client_for(coop.broker).get(f"{BASE}/cases/{coop.case.pk}").json()["parties"]
    assert len(parties) == 2
