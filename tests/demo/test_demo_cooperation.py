from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from techbridge.accounts.models import User
from techbridge.cooperation.models import Agreement, CooperationCase, Project


@pytest.mark.slow
def test_the_signing_ceremony_and_everyones_cooperation(db: None) -> None:
    call_command(
        "demo_data",
        *("--seed", "3", "--organisations", "80", "--people", "10", "--listings", "60", "--instruments", "0"),
        *("--no-matches", "--event-participants", "20", "--event-meetings", "20", "--event-time-limit", "1"),
        stdout=StringIO(),
    )
    assert Project.objects.count() == 20
    assert Project.objects.filter(status="implemented").count() == 10
    ceremony = Agreement.objects.filter(signing_activity__kind="signing_ceremony")
    assert ceremony.filter(kind="cooperation_agreement").count() == 7
    assert ceremony.filter(kind="mou").count() == 2  # the S&T MoU and Guizhou's MoU
    contracts = Agreement.objects.filter(kind="technology_contract")
    assert set(contracts.values_list("category", flat=True)) == {
        "development",
        "transfer",
        "consulting",
        "service",
    }
    assert CooperationCase.objects.filter(stage="abandoned").exists()
    assert {"zh", "hu", "en"} <= set(CooperationCase.objects.values_list("messages__language", flat=True))
    for email in (
        "admin@techbridge.demo",
        "broker@techbridge.demo",
        "broker.chengdu@techbridge.demo",
        "research.office@techbridge.demo",
        "engineer@techbridge.demo",
        "expert@techbridge.demo",
    ):
        client = Client()
        client.force_login(User.objects.get(email=email))
        page = client.get("/cooperation/mine/").content.decode()

        assert 'class="card coop-case' in page, email
