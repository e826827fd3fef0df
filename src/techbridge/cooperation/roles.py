"""Who a user is towards one cooperation case: a party (member of a party organisation, its admins
included), a broker of the responsible centre, a platform admin. Read through directory.roles."""

from __future__ import annotations

from enum import StrEnum

from techbridge.cooperation.models import Agreement, CooperationCase
from techbridge.directory.roles import (
    AnyUser,
    is_platform_admin,
    member_organisation_ids,
    operated_centre_ids,
)


class CaseRole(StrEnum):
    PARTY = "party"
    BROKER = "broker"
    ADMIN = "admin"


def party_organisation_ids(case: CooperationCase) -> frozenset[int]:
    cached: frozenset[int] | None = getattr(case, "_party_organisation_ids", None)
    if cached is None:
        cached = frozenset(party.organisation_id for party in case.parties.all())
        setattr(case, "_party_organisation_ids", cached)  # noqa: B010 - a per-request cache
    return cached


def case_roles(user: AnyUser, case: CooperationCase) -> frozenset[CaseRole]:
    if not user.is_authenticated:
        return frozenset()
    roles: set[CaseRole] = set()
    if is_platform_admin(user):
        roles.add(CaseRole.ADMIN)
    if case.centre_id in operated_centre_ids(user):
        roles.add(CaseRole.BROKER)
    contacts = {party.contact_id for party in case.parties.all()}
    if party_organisation_ids(case) & member_organisation_ids(user) or user.pk in contacts:
        roles.add(CaseRole.PARTY)
    return frozenset(roles)


def is_case_manager(user: AnyUser, case: CooperationCase) -> bool:
    """Brokers of the case's centre and platform admins move the case along."""
    return bool(case_roles(user, case) & {CaseRole.BROKER, CaseRole.ADMIN})


def agreement_party_ids_of(user: AnyUser, agreement: Agreement) -> frozenset[int]:
    """The AgreementParty rows the user may sign for (members of the party's organisation)."""
    members = member_organisation_ids(user)
    return frozenset(party.pk for party in agreement.parties.all() if party.organisation_id in members)


def sees_confidential(user: AnyUser, agreement: Agreement) -> bool:
    """Confidential amounts and documents are for the agreement's parties only."""
    members = member_organisation_ids(user)
    return any(party.organisation_id in members for party in agreement.parties.all())
