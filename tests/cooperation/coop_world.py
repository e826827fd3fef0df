"""A cooperation world: a broker's centre, a listing owner and an interested partner whose accepted
expression of interest became a case, and people who must not see it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from factories import make_centre, make_member, make_operator, make_organisation, make_user
from techbridge.accounts.models import User
from techbridge.cooperation.domain.agreements import AgreementDraft, PartyIn, check_create_agreement
from techbridge.cooperation.domain.cases import check_start_from_interest
from techbridge.cooperation.models import Agreement, CooperationCase
from techbridge.directory.models import Centre, Organisation
from techbridge.market.domain.interests import do_interest_action, do_send_interest
from techbridge.market.domain.lifecycle import do_listing_action
from techbridge.market.domain.listings import do_save_listing
from techbridge.market.models import ExpressionOfInterest, Listing
from techbridge_core.market.interest import InterestAction, InterestStatus
from techbridge_core.market.lifecycle import Action, Status

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.UTC)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class Coop:
    centre: Centre
    owner_org: Organisation
    partner_org: Organisation
    owner: User
    owner_admin: User
    partner: User
    broker: User
    other_broker: User
    outsider: User
    admin: User
    listing: Listing
    interest: ExpressionOfInterest
    case: CooperationCase

    def user(self, role: str) -> User | None:
        return None if role == "anonymous" else getattr(self, role)


COOP_ROLES = ("anonymous", "outsider", "other_broker", "owner", "owner_admin", "partner", "broker", "admin")
SEES_CASE = {"owner", "owner_admin", "partner", "broker", "admin"}


def build_listing(owner: Organisation, *, actor: User, **fields: Any) -> Listing:
    fields.setdefault("kind", "offer")
    fields.setdefault(
        "title", {"en": "Low-temperature electrolyte", "zh-hans": "低温电解液", "hu": "Hidegtűrő elektrolit"}
    )
    fields.setdefault("summary", {"en": "An electrolyte that keeps cells working at -40 °C."})
    listing = do_save_listing(
        listing=Listing(owner_organisation=owner, **fields), actor=actor, now=NOW, shared_with=None
    )
    do_listing_action(
        listing=listing, action=Action.SUBMIT, target=Status.SUBMITTED, actor=actor, reason="", now=NOW
    )
    do_listing_action(
        listing=listing, action=Action.APPROVE, target=Status.PUBLISHED, actor=None, reason="", now=NOW
    )
    return listing


def accepted_interest(listing: Listing, sender: User, organisation: Organisation) -> ExpressionOfInterest:
    interest = do_send_interest(
        interest=ExpressionOfInterest(
            listing=listing,
            sender=sender,
            sender_organisation=organisation,
            message="We want it",
            created_at=NOW,
        ),
        now=NOW,
    )
    return do_interest_action(
        interest=interest,
        action=InterestAction.ACCEPT,
        target=InterestStatus.ACCEPTED,
        actor=sender,
        comment="",
        now=NOW,
    )


def build_coop(*, anonymous: bool = False) -> Coop:
    centre = make_centre(slug="cq-hu")
    other_centre = make_centre(slug="guizhou")
    owner_org = make_organisation(
        centre=centre, country="CN", name={"en": "Chongqing Battery Works", "zh-hans": "重庆电池厂"}
    )
    partner_org = make_organisation(
        centre=other_centre, country="HU", name={"en": "Győr Motors", "hu": "Győri Motor"}
    )
    owner = make_member(owner_org)
    owner_admin = make_member(owner_org, admin=True)
    partner = make_member(partner_org)
    listing = build_listing(owner_org, actor=owner, centre=centre, country="CN", anonymous=anonymous)
    interest = accepted_interest(listing, partner, partner_org)
    broker = make_operator(centre)
    case = check_start_from_interest(interest=interest, actor=broker, now=NOW)
    return Coop(
        centre=centre,
        owner_org=owner_org,
        partner_org=partner_org,
        owner=owner,
        owner_admin=owner_admin,
        partner=partner,
        broker=broker,
        other_broker=make_operator(other_centre),
        outsider=make_user(),
        admin=make_user(is_superuser=True, is_staff=True),
        listing=listing,
        interest=interest,
        case=case,
    )


def contract_draft(coop: Coop, **fields: Any) -> AgreementDraft:
    values: dict[str, Any] = {
        "kind": "technology_contract",
        "title": {"en": "Electrolyte licence", "zh-hans": "电解液许可合同", "hu": "Elektrolit licenc"},
        "category": "transfer",
        "subtype": "licence",
        "parties": [
            PartyIn(organisation=coop.owner_org, role="licensor", registration_code="91500000MA5U000000"),
            PartyIn(organisation=coop.partner_org, role="licensee", registration_code="Cg.08-09-000000"),
        ],
        "total_amount": Decimal("1000000.00"),
        "technical_income": Decimal("800000.00"),
        "currency": "CNY",
        "starts_on": date(2026, 12, 1),
        "ends_on": date(2029, 11, 30),
        "signed_place": "Chongqing",
        "ip_type": "patent",
    }
    values.update(fields)
    return AgreementDraft(**values)


def draft_contract(coop: Coop, **fields: Any) -> Agreement:
    return check_create_agreement(
        case=coop.case, draft=contract_draft(coop, **fields), actor=coop.broker, may_act=True, now=NOW
    )
