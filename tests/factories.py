"""Small factories for the tests: real rows, built with sensible defaults, overridable by keyword."""

from __future__ import annotations

import itertools
from typing import Any

from django.utils import timezone

from techbridge.accounts.models import User
from techbridge.directory.enums import CentreRole, OrganisationKind, OrganisationRole, ProfileVisibility
from techbridge.directory.models import (
    Alliance,
    Centre,
    CentreOperator,
    ExpertProfile,
    Membership,
    Organisation,
    Person,
    TechnologyField,
)

PASSWORD = "correct-horse-battery-staple"
_counter = itertools.count(1)


def make_user(**fields: Any) -> User:
    number = next(_counter)
    fields.setdefault("display_name", f"User {number}")
    fields.setdefault("email_confirmed_at", timezone.now())
    email = fields.pop("email", f"user{number}@example.org")
    return User.objects.create_user(email, PASSWORD, **fields)


def make_alliance(**fields: Any) -> Alliance:
    number = next(_counter)
    fields.setdefault("slug", f"alliance-{number}")
    fields.setdefault("name", {"en": f"Alliance {number}"})
    return Alliance.objects.create(**fields)


def make_centre(**fields: Any) -> Centre:
    number = next(_counter)
    fields.setdefault("slug", f"centre-{number}")
    fields.setdefault(
        "name", {"en": f"Centre {number}", "zh-hans": f"中心{number}", "hu": f"Központ {number}"}
    )
    fields.setdefault("country", "CN")
    fields.setdefault("city", "Chongqing")
    return Centre.objects.create(**fields)


def make_organisation(**fields: Any) -> Organisation:
    number = next(_counter)
    technology_fields = fields.pop("technology_fields", [])
    fields.setdefault(
        "name", {"en": f"Organisation {number}", "zh-hans": f"机构{number}", "hu": f"Szervezet {number}"}
    )
    fields.setdefault("kind", OrganisationKind.UNIVERSITY)
    fields.setdefault("country", "HU")
    fields.setdefault("city", "Budapest")
    fields.setdefault("is_published", True)
    organisation = Organisation.objects.create(**fields)
    if technology_fields:
        organisation.technology_fields.set(technology_fields)
    return organisation


def make_person(**fields: Any) -> Person:
    number = next(_counter)
    fields.setdefault("full_name", f"Person {number}")
    fields.setdefault("visibility", ProfileVisibility.PUBLIC)
    fields.setdefault("country", "HU")
    return Person.objects.create(**fields)


def make_expert(person: Person | None = None, **fields: Any) -> ExpertProfile:
    technology_fields = fields.pop("technology_fields", [])
    expert = ExpertProfile.objects.create(
        person=person or make_person(), expertise=fields.pop("expertise", {"en": "Batteries"}), **fields
    )
    if technology_fields:
        expert.technology_fields.set(technology_fields)
    return expert


def make_operator(centre: Centre, user: User | None = None) -> User:
    user = user or make_user()
    CentreOperator.objects.create(centre=centre, user=user, role=CentreRole.OPERATOR)
    return user


def make_member(organisation: Organisation, user: User | None = None, *, admin: bool = False) -> User:
    user = user or make_user()
    role = OrganisationRole.ADMIN if admin else OrganisationRole.MEMBER
    Membership.objects.create(organisation=organisation, user=user, role=role)
    return user


def technology_field(code: str = "2.5") -> TechnologyField:
    return TechnologyField.objects.get(code=code)
