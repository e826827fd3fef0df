"""A small alliance with one shared facility, for the instrument tests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import time
from decimal import Decimal
from typing import Any

import pytest

from factories import make_alliance, make_centre, make_member, make_organisation, make_user
from techbridge.accounts.models import User
from techbridge.directory.enums import OrganisationKind
from techbridge.directory.models import Organisation
from techbridge.instruments.domain.taxonomy import load_categories
from techbridge.instruments.enums import ChargeUnit, UserCategory
from techbridge.instruments.models import (
    Facility,
    FacilityManager,
    Instrument,
    InstrumentCategory,
    Rate,
    SubsidyScheme,
)

ALWAYS = {"opens_at": time(0), "closes_at": time(0), "open_weekdays": [0, 1, 2, 3, 4, 5, 6]}


@dataclass
class Lab:
    owner: Organisation
    partner: Organisation
    enterprise: Organisation
    facility: Facility
    hidden_facility: Facility
    instrument: Instrument
    hidden_instrument: Instrument
    manager: User
    other_manager: User
    internal: User
    alliance_member: User
    external: User
    outsider: User
    admin: User
    scheme: SubsidyScheme


def build_instrument(facility: Facility, **fields: Any) -> Instrument:
    fields.setdefault(
        "name",
        {
            "en": "Scanning electron microscope",
            "zh-hans": "扫描电子显微镜",
            "hu": "Pásztázó elektronmikroszkóp",
        },
    )
    fields.setdefault("category", InstrumentCategory.objects.get(code="0101"))
    fields.setdefault("manufacturer", "Zeiss")
    fields.setdefault("model_number", "Sigma 300")
    fields.setdefault("granularity_minutes", 30)
    fields.setdefault("min_duration_minutes", 30)
    fields.setdefault("horizon_days", 400)
    fields.setdefault("approval_for", [])
    for key, value in ALWAYS.items():
        fields.setdefault(key, value)
    instrument = Instrument.objects.create(facility=facility, **fields)
    for category, price in (
        (UserCategory.INTERNAL, "100"),
        (UserCategory.ALLIANCE_MEMBER, "200"),
        (UserCategory.EXTERNAL_ENTERPRISE, "400"),
    ):
        Rate.objects.create(
            instrument=instrument, category=category, unit=ChargeUnit.HOUR, price=Decimal(price)
        )
    return instrument


def build_lab() -> Lab:
    if not InstrumentCategory.objects.exists():  # transactional tests flush the data migration's rows
        load_categories(InstrumentCategory)
    alliance = make_alliance()
    centre = make_centre(alliance=alliance, slug="cq-hu")
    other_centre = make_centre(alliance=alliance, slug="sichuan")
    owner = make_organisation(
        centre=centre,
        kind=OrganisationKind.UNIVERSITY,
        name={"en": "Budapest University", "zh-hans": "布达佩斯大学"},
    )
    partner = make_organisation(centre=other_centre, kind=OrganisationKind.RESEARCH_INSTITUTE, country="CN")
    enterprise = make_organisation(
        centre=None, kind=OrganisationKind.ENTERPRISE, country="CN", name={"en": "Jialing Robotics"}
    )
    facility = Facility.objects.create(
        organisation=owner,
        name={"en": "Electron microscopy lab"},
        time_zone="Europe/Budapest",
        city="Budapest",
    )
    hidden_facility = Facility.objects.create(
        organisation=owner, name={"en": "Internal clean room"}, time_zone="Europe/Budapest", is_public=False
    )
    manager = make_user(email="manager@example.org")
    FacilityManager.objects.create(facility=facility, user=manager)
    FacilityManager.objects.create(facility=hidden_facility, user=manager)
    other_facility = Facility.objects.create(
        organisation=partner, name={"en": "Partner lab"}, time_zone="Asia/Shanghai"
    )
    other_manager = make_user(email="other.manager@example.org")
    FacilityManager.objects.create(facility=other_facility, user=other_manager)
    build_instrument(other_facility, name={"en": "Partner NMR"})
    return Lab(
        owner=owner,
        partner=partner,
        enterprise=enterprise,
        facility=facility,
        hidden_facility=hidden_facility,
        instrument=build_instrument(facility, internal_notes="Filament replaced in May."),
        hidden_instrument=build_instrument(hidden_facility, name={"en": "Lithography stepper"}),
        manager=manager,
        other_manager=other_manager,
        internal=make_member(owner, make_user(email="internal@example.org")),
        alliance_member=make_member(partner, make_user(email="partner@example.org")),
        external=make_member(enterprise, make_user(email="enterprise@example.org")),
        outsider=make_user(email="outsider@example.org"),
        admin=make_user(email="admin@example.org", is_superuser=True, is_staff=True),
        scheme=SubsidyScheme.objects.create(
            slug="voucher",
            name={"en": "Innovation voucher", "zh-hans": "创新券"},
            percent=Decimal(30),
            budget_cap=Decimal(1000),
            eligible_categories=[UserCategory.EXTERNAL_ENTERPRISE.value],
        ),
    )


@pytest.fixture
def lab(db: None) -> Lab:
    return build_lab()


@pytest.fixture
def lab_for_threads(transactional_db: None) -> Lab:
    return build_lab()


@pytest.fixture
def instrument_factory() -> Callable[..., Instrument]:
    return build_instrument
