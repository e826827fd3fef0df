"""Agreements: kinds, status (draft → signed → registered → in force → expired / terminated),
China's four technology-contract categories with their sub-types, and the party roles of each."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum

from techbridge_core.cooperation.refusals import CooperationRefusedError


class AgreementKind(StrEnum):
    MOU = "mou"
    FRAMEWORK = "framework_agreement"
    COOPERATION = "cooperation_agreement"
    LICENCE = "licence"
    TECHNOLOGY_CONTRACT = "technology_contract"


class AgreementStatus(StrEnum):
    DRAFT = "draft"
    SIGNED = "signed"
    REGISTERED = "registered"
    IN_FORCE = "in_force"
    EXPIRED = "expired"
    TERMINATED = "terminated"


class ContractCategory(StrEnum):
    """The four categories of China's technology-contract registration (技术合同认定登记)."""

    DEVELOPMENT = "development"
    TRANSFER = "transfer"
    CONSULTING = "consulting"
    SERVICE = "service"


class ContractSubtype(StrEnum):
    COMMISSIONED = "commissioned"
    COOPERATIVE = "cooperative"
    PATENT_RIGHT = "patent_right"
    PATENT_APPLICATION_RIGHT = "patent_application_right"
    TECHNICAL_SECRET = "technical_secret"  # noqa: S105 - know-how, not a password
    LICENCE = "licence"
    NONE = ""


class PartyRole(StrEnum):
    PARTY = "party"
    ENTRUSTING_PARTY = "entrusting_party"
    TRUSTEE = "trustee"
    COOPERATING_PARTY = "cooperating_party"
    TRANSFEROR = "transferor"
    TRANSFEREE = "transferee"
    LICENSOR = "licensor"
    LICENSEE = "licensee"


_S = ContractSubtype
SUBTYPES: dict[ContractCategory, tuple[ContractSubtype, ...]] = {
    ContractCategory.DEVELOPMENT: (_S.COMMISSIONED, _S.COOPERATIVE),
    ContractCategory.TRANSFER: (
        _S.PATENT_RIGHT,
        _S.PATENT_APPLICATION_RIGHT,
        _S.TECHNICAL_SECRET,
        _S.LICENCE,
    ),
    ContractCategory.CONSULTING: (_S.NONE,),
    ContractCategory.SERVICE: (_S.NONE,),
}
_R = PartyRole
_CLIENT_AND_CONTRACTOR = frozenset({_R.ENTRUSTING_PARTY, _R.TRUSTEE})
_TRANSFER = frozenset({_R.TRANSFEROR, _R.TRANSFEREE})


def party_roles(
    kind: AgreementKind, category: ContractCategory | None, subtype: ContractSubtype
) -> frozenset[PartyRole]:
    """The roles the parties of such an agreement may hold; every role must be filled once at least."""
    if kind is not AgreementKind.TECHNOLOGY_CONTRACT or category is None:
        if kind is AgreementKind.LICENCE:
            return frozenset({_R.LICENSOR, _R.LICENSEE})
        return frozenset({_R.PARTY})
    if category is ContractCategory.DEVELOPMENT and subtype is _S.COOPERATIVE:
        return frozenset({_R.COOPERATING_PARTY})
    if category is ContractCategory.TRANSFER:
        return frozenset({_R.LICENSOR, _R.LICENSEE}) if subtype is _S.LICENCE else _TRANSFER
    return _CLIENT_AND_CONTRACTOR


def check_category(kind: AgreementKind, category: ContractCategory | None, subtype: ContractSubtype) -> None:
    """A technology contract needs a category and one of its sub-types; other kinds have neither."""
    if kind is not AgreementKind.TECHNOLOGY_CONTRACT:
        if category is not None or subtype is not _S.NONE:
            raise CooperationRefusedError("category_only_for_contracts", "category")
        return
    if category is None:
        raise CooperationRefusedError("category_required", "category")
    if subtype not in SUBTYPES[category]:
        raise CooperationRefusedError("subtype_mismatch", "subtype")


@dataclass(frozen=True, kw_only=True)
class PartyEntry:
    role: PartyRole
    organisation_id: int


def check_parties(
    kind: AgreementKind,
    category: ContractCategory | None,
    subtype: ContractSubtype,
    parties: Collection[PartyEntry],
) -> None:
    """At least two distinct organisations, each in a role allowed for the agreement, every role filled."""
    allowed = party_roles(kind, category, subtype)
    if len({party.organisation_id for party in parties}) < 2 or len(parties) != len(
        {party.organisation_id for party in parties}
    ):
        raise CooperationRefusedError("two_parties_needed", "parties")
    if any(party.role not in allowed for party in parties):
        raise CooperationRefusedError("role_not_allowed", "parties")
    if {party.role for party in parties} != allowed:
        raise CooperationRefusedError("role_missing", "parties")


_A = AgreementStatus
AGREEMENT_MOVES: dict[AgreementStatus, frozenset[AgreementStatus]] = {
    _A.DRAFT: frozenset({_A.SIGNED}),
    _A.SIGNED: frozenset({_A.REGISTERED, _A.IN_FORCE, _A.TERMINATED}),
    _A.REGISTERED: frozenset({_A.IN_FORCE, _A.TERMINATED}),
    _A.IN_FORCE: frozenset({_A.EXPIRED, _A.TERMINATED}),
    _A.EXPIRED: frozenset(),
    _A.TERMINATED: frozenset(),
}
SIGNED_STATUSES = frozenset({_A.SIGNED, _A.REGISTERED, _A.IN_FORCE, _A.EXPIRED, _A.TERMINATED})


@dataclass(frozen=True, kw_only=True)
class AgreementState:
    kind: AgreementKind
    status: AgreementStatus
    all_parties_signed: bool
    registration_number: str = ""
    has_registration_date: bool = False


def decide_agreement_status(state: AgreementState, target: AgreementStatus) -> AgreementStatus:
    if target not in AGREEMENT_MOVES[state.status]:
        raise CooperationRefusedError("status_not_allowed", "status")
    if target is _A.SIGNED and not state.all_parties_signed:
        raise CooperationRefusedError("signatures_missing", "status")
    if target is _A.REGISTERED:
        if state.kind is not AgreementKind.TECHNOLOGY_CONTRACT:
            raise CooperationRefusedError("registration_only_for_contracts", "status")
        if not state.registration_number.strip() or not state.has_registration_date:
            raise CooperationRefusedError("registration_details_missing", "registration_number")
    return target


@dataclass(frozen=True, kw_only=True)
class SignatureAttempt:
    agreement_status: AgreementStatus
    document_is_current: bool
    already_signed: bool
    signer_is_party: bool


def check_signature(attempt: SignatureAttempt) -> None:
    """A party signs the current document version once, while the agreement is a draft."""
    if not attempt.signer_is_party:
        raise CooperationRefusedError("not_a_party", "party")
    if attempt.agreement_status is not _A.DRAFT:
        raise CooperationRefusedError("not_a_draft", "status")
    if not attempt.document_is_current:
        raise CooperationRefusedError("superseded_version", "document")
    if attempt.already_signed:
        raise CooperationRefusedError("already_signed", "party")


# The terms a signature binds: once a party has signed the current document version, none of them
# changes until a new version is uploaded (its signatures then start afresh). The title and the
# confidentiality marks are not terms of the contract; they stay editable while it is a draft.
TERMS_ORDER = (
    "kind",
    "category",
    "subtype",
    "parties",
    "total_amount",
    "technical_income",
    "currency",
    "starts_on",
    "ends_on",
    "signed_place",
    "signed_on",
    "ip_type",
)
LOCKED_TERMS = frozenset(TERMS_ORDER)


@dataclass(frozen=True, kw_only=True)
class TermsChange:
    """A proposed change of an agreement's terms, seen at the moment it would be written."""

    status: AgreementStatus
    changed: frozenset[str]
    signed_current_version: bool  # a signature record exists on the current document version
    signed_any_version: bool  # a signature record exists on some version (it names its party)


def locked_terms(status: AgreementStatus, *, signed_current_version: bool) -> frozenset[str]:
    """The terms that may not change now (a form shows them read-only)."""
    if status is not _A.DRAFT or signed_current_version:
        return LOCKED_TERMS
    return frozenset()


def check_terms_change(change: TermsChange) -> None:
    """Only a draft changes; a signature on the current version locks its terms (a new version
    reopens them); the parties, whose signatures name them, stay once anyone has signed anything."""
    if change.status is not _A.DRAFT:
        raise CooperationRefusedError("terms_fixed", "status")
    locked = change.changed & locked_terms(
        change.status, signed_current_version=change.signed_current_version
    )
    if locked:  # the refusal names the first locked term the change touches
        raise CooperationRefusedError("terms_signed", next(t for t in TERMS_ORDER if t in locked))
    if "parties" in change.changed and change.signed_any_version:
        raise CooperationRefusedError("parties_signed", "parties")
