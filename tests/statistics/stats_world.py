"""Shared rows for the statistics tests: signed (and implemented) projects on a cooperation case,
an official, a signed-in client."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.test import Client
from django.utils import timezone

from cooperation.coop_world import Coop
from factories import make_alliance, make_user
from techbridge.cooperation.models import Agreement, AgreementParty, Project
from techbridge.statistics.models import Official


def signed_project(
    coop: Coop, *, signed: date, implemented: date | None, confidential: bool = False
) -> Project:
    agreement = Agreement.objects.create(
        case=coop.case,
        kind="technology_contract",
        title={"en": "Licence"},
        status="signed",
        category="transfer",
        subtype="licence",
        total_amount=Decimal("500000.00"),
        technical_income=Decimal("400000.00"),
        currency="CNY",
        signed_on=signed,
        amounts_confidential=confidential,
        created_at=timezone.now(),
        updated_at=timezone.now(),
    )
    for organisation in (coop.owner_org, coop.partner_org):
        AgreementParty.objects.create(agreement=agreement, organisation=organisation)
    return Project.objects.create(
        agreement=agreement,
        case=coop.case,
        title={"en": "Pilot line", "zh-hans": "试点生产线", "hu": "Kísérleti gyártósor"},
        status="implemented" if implemented else "signed",
        signed_on=signed,
        implemented_on=implemented,
        created_at=timezone.now(),
    )


def make_official(coop: Coop) -> object:
    user = make_user()
    Official.objects.create(user=user, alliance=coop.centre.alliance or make_alliance())
    return user


def client_of(user: object | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)  # type: ignore[arg-type]
    return client


def reader(coop: Coop, role: str) -> object | None:
    """A user of `role`: anonymous, member, broker, other_broker, official, admin."""
    if role == "anonymous":
        return None
    if role == "official":
        return make_official(coop)
    return coop.user({"member": "owner"}.get(role, role))
