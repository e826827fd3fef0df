"""Demo cooperation pipeline: the Belt and Road conference ends with a signing ceremony.

20 projects signed (10 of them implemented by now), 7 cooperation agreements and an S&T MoU from the
Chengdu–Chongqing–Hungary conference, Guizhou's technology-transfer centre signing its MoU with the
China–Hungary centre, technology contracts of all four registration categories, negotiation threads in
three languages, some cases abandoned, some stale. Every named demo login finds something under
"My cooperation". Built through the domain functions, so the demo obeys the same rules as users.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from techbridge.accounts.models import User
from techbridge.cooperation.domain.agreements import (
    AgreementDraft,
    PartyIn,
    check_change_status,
    check_create_agreement,
    check_sign,
    check_upload_document,
)
from techbridge.cooperation.domain.cases import check_change_stage, check_start_by_broker
from techbridge.cooperation.domain.messages import check_post_message
from techbridge.cooperation.domain.projects import (
    check_add_milestone,
    check_create_project,
    check_project_status,
)
from techbridge.cooperation.models import Agreement, CaseParty, CooperationCase
from techbridge.directory.enums import OrganisationKind
from techbridge.directory.models import Centre, Organisation, TechnologyField
from techbridge.events.enums import ActivityKind
from techbridge.events.models import Activity

PDF = b"%PDF-1.4\n% techbridge demo agreement\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
CONTRACTS = [  # (category, subtype, roles, IP)
    ("development", "commissioned", ("entrusting_party", "trustee"), "patent_application"),
    ("development", "cooperative", ("cooperating_party", "cooperating_party"), "patent_application"),
    ("transfer", "patent_right", ("transferor", "transferee"), "patent"),
    ("transfer", "patent_application_right", ("transferor", "transferee"), "patent_application"),
    ("transfer", "technical_secret", ("transferor", "transferee"), "technical_secret"),
    ("transfer", "licence", ("licensor", "licensee"), "patent"),
    ("consulting", "", ("entrusting_party", "trustee"), "none"),
    ("service", "", ("entrusting_party", "trustee"), "software_copyright"),
]
THREADS = [
    ("zh-hans", "您好，我们对贵方的低温电池技术很感兴趣，能否提供中试数据？"),
    ("hu", "Jó napot! Szívesen megosztjuk a pilot adatokat, ha aláírják a titoktartási nyilatkozatot."),
    ("en", "Thank you. Our legal team will send the NDA back this week; could we meet in Chongqing?"),
]


@dataclass(frozen=True)
class People:
    broker: User
    chengdu: User | None
    admin: User | None
    engineer: User | None
    research: User | None
    expert: User | None


def _user(email: str) -> User | None:
    return User.objects.filter(email=email).first()


def _organisation(name: dict[str, str], country: str, kind: str, centre: Centre) -> Organisation:
    organisation, _created = Organisation.objects.get_or_create(
        name=name, defaults={"country": country, "kind": kind, "centre": centre, "is_published": True}
    )
    return organisation


def _sign_everything(agreement: Agreement, actor: User, now: datetime) -> None:
    document = check_upload_document(
        agreement=agreement,
        name="agreement.pdf",
        content=PDF,
        actor=actor,
        may_act=True,
        now=now,
    )
    for party in agreement.parties.all():
        check_sign(agreement=agreement, document=document, party=party, actor=actor, may_sign=True, now=now)


def _case(
    title: dict[str, str], centre: Centre, organisations: list[Organisation], broker: User, now: datetime
) -> CooperationCase:
    return check_start_by_broker(
        title=title,
        centre=centre,
        organisations=organisations,
        actor=broker,
        operated_centre_ids=frozenset({centre.pk}),
        is_admin=True,
        now=now,
    )


def _signed_agreement(
    case: CooperationCase,
    *,
    kind: str,
    title: dict[str, str],
    parties: list[PartyIn],
    broker: User,
    now: datetime,
    ceremony: Activity | None,
    **terms: Any,
) -> Agreement:
    draft = AgreementDraft(
        kind=kind,
        title=title,
        parties=parties,
        signing_activity=ceremony,
        signed_place="Chongqing" if ceremony else "",
        **terms,
    )
    agreement = check_create_agreement(case=case, draft=draft, actor=broker, may_act=True, now=now)
    _sign_everything(agreement, broker, now)
    agreement.refresh_from_db()
    return agreement


def _project(
    agreement: Agreement, broker: User, now: datetime, *, implemented: bool, rng: random.Random
) -> None:
    project = check_create_project(agreement=agreement, title={}, actor=broker, may_act=True, now=now)
    check_add_milestone(
        project=project,
        title="Kick-off meeting",
        due_on=(now + timedelta(days=14)).date(),
        owner=broker,
        actor=broker,
        may_act=True,
        now=now,
    )
    check_add_milestone(
        project=project,
        title="Pilot results",
        due_on=(now + timedelta(days=rng.randint(60, 200))).date(),
        owner=None,
        actor=broker,
        may_act=True,
        now=now,
    )
    if implemented:
        for status in ("started", "implemented"):
            check_project_status(
                project=project, target=status, reason="", on=None, actor=broker, may_act=True, now=now
            )


def do_clear_cooperation() -> None:
    from techbridge.cooperation.models import Agreement, Project, Signature

    with transaction.atomic():
        Project.objects.all().delete()
        Signature.objects.all().delete()  # they keep their document versions (protected) alive
        Agreement.objects.all().delete()
        CooperationCase.objects.all().delete()


def do_build_cooperation_demo(*, seed: int) -> list[str]:  # noqa: PLR0912, PLR0915 - one story told in order
    rng = random.Random(seed)  # noqa: S311 - demo content, not security
    centres = {
        centre.slug: centre for centre in Centre.objects.filter(slug__in=("cq-hu", "sichuan", "guizhou"))
    }
    broker = _user("broker@techbridge.demo")
    if "cq-hu" not in centres or broker is None:
        return ["No China–Hungary centre or broker in the directory: no cooperation demo."]
    people = People(
        broker,
        _user("broker.chengdu@techbridge.demo"),
        _user("admin@techbridge.demo"),
        _user("engineer@techbridge.demo"),
        _user("research.office@techbridge.demo"),
        _user("expert@techbridge.demo"),
    )
    hub = centres["cq-hu"]
    chinese = list(Organisation.objects.filter(country="CN", is_published=True).order_by("id")[:30])
    hungarian = list(Organisation.objects.filter(country="HU", is_published=True).order_by("id")[:30])
    if people.engineer is not None:
        chinese.insert(0, people.engineer.memberships.get().organisation)
    if people.research is not None:
        hungarian.insert(0, people.research.memberships.get().organisation)
    if len(chinese) < 3 or len(hungarian) < 3:
        return ["Too few Chinese and Hungarian organisations in the directory: no cooperation demo."]
    ceremony = Activity.objects.filter(
        event__slug="belt-road-exchange", kind=ActivityKind.SIGNING_CEREMONY
    ).first()
    signed_at = ceremony.starts_at if ceremony else timezone.now() - timedelta(days=90)
    fields = list(TechnologyField.objects.filter(parent__isnull=False).order_by("code")[:12])
    with transaction.atomic():
        # Guizhou's technology-transfer centre and the China–Hungary centre sign their MoU.
        guizhou = _organisation(
            {
                "en": "Guizhou Technology Transfer Centre",
                "zh-hans": "贵州技术转移中心",
                "hu": "Kujcsoui Technológiatranszfer Központ",
            },
            "CN",
            OrganisationKind.TRANSFER_CENTRE,
            centres.get("guizhou", hub),
        )
        cq_hu = _organisation(
            {
                "en": "China–Hungary Technology Transfer Centre",
                "zh-hans": "中国—匈牙利技术转移中心",
                "hu": "Kínai–Magyar Technológiatranszfer Központ",
            },
            "CN",
            OrganisationKind.TRANSFER_CENTRE,
            hub,
        )
        case = _case(
            {
                "en": "Guizhou – China–Hungary centre cooperation",
                "zh-hans": "贵州—中匈技术转移中心合作",
                "hu": "Kujcsou – Kínai–Magyar központ együttműködés",
            },
            hub,
            [guizhou, cq_hu],
            broker,
            signed_at,
        )
        if people.admin is not None:
            CooperationCase.objects.filter(pk=case.pk).update(broker=people.admin)
        _signed_agreement(
            case,
            kind="mou",
            title={
                "en": "MoU on technology transfer",
                "zh-hans": "技术转移合作备忘录",
                "hu": "Egyetértési megállapodás technológiatranszferről",
            },
            parties=[PartyIn(organisation=guizhou, role="party"), PartyIn(organisation=cq_hu, role="party")],
            broker=broker,
            now=signed_at,
            ceremony=ceremony,
        )
        # The S&T MoU of the Chengdu–Chongqing–Hungary conference.
        sichuan_broker = people.chengdu or broker
        sichuan_centre = centres.get("sichuan", hub)
        st_case = _case(
            {
                "en": "Chengdu–Chongqing–Hungary S&T cooperation",
                "zh-hans": "成渝—匈牙利科技合作",
                "hu": "Csengtu–Csungking–Magyarország TTI együttműködés",
            },
            sichuan_centre,
            [chinese[1], hungarian[1]],
            sichuan_broker,
            signed_at,
        )
        _signed_agreement(
            st_case,
            kind="mou",
            title={
                "en": "S&T cooperation MoU",
                "zh-hans": "科技合作备忘录",
                "hu": "TTI együttműködési megállapodás",
            },
            parties=[
                PartyIn(organisation=chinese[1], role="party"),
                PartyIn(organisation=hungarian[1], role="party"),
            ],
            broker=sichuan_broker,
            now=signed_at,
            ceremony=ceremony,
        )
        projects = 0
        # 7 cooperation agreements and 8 technology contracts signed at the ceremony, 5 more agreements
        # signed since: 20 projects, 10 of them implemented.
        plan = (
            [("cooperation_agreement", None)] * 7
            + [("technology_contract", spec) for spec in CONTRACTS]
            + [("framework_agreement", None)] * 5
        )
        for number, (kind, spec) in enumerate(plan):
            cn, hu = chinese[(number + 2) % len(chinese)], hungarian[(number + 2) % len(hungarian)]
            if number < 4:
                cn = chinese[0]  # the engineer's company
            if 4 <= number < 8:
                hu = hungarian[0]  # the research office's university
            field = fields[number % len(fields)] if fields else None
            title = {
                "en": f"Cooperation project {number + 1}",
                "zh-hans": f"合作项目 {number + 1}",
                "hu": f"{number + 1}. együttműködési projekt",
            }
            centre = sichuan_centre if number % 5 == 4 else hub
            owner = sichuan_broker if centre == sichuan_centre else broker
            case = _case(title, centre, [cn, hu], owner, signed_at - timedelta(days=60))
            if field is not None:
                case.technology_fields.set([field])
            if number == 0 and people.expert is not None:
                CaseParty.objects.filter(case=case, organisation=hu).update(contact=people.expert)
            for (language, text), author in zip(THREADS, (owner, owner, owner), strict=True):
                del language
                check_post_message(
                    case=case,
                    author=author,
                    body=text,
                    internal=False,
                    may_post_internal=True,
                    now=signed_at - timedelta(days=30),
                )
            if spec is None:
                parties = [PartyIn(organisation=cn, role="party"), PartyIn(organisation=hu, role="party")]
                terms: dict[str, Any] = {}
            else:
                category, subtype, roles, ip_type = spec
                parties = [
                    PartyIn(organisation=cn, role=roles[0], registration_code=f"9150{number:014d}"),
                    PartyIn(organisation=hu, role=roles[1], registration_code=f"Cg.01-09-{number:06d}"),
                ]
                total = Decimal(rng.randint(20, 500) * 10_000)
                terms = {
                    "category": category,
                    "subtype": subtype,
                    "ip_type": ip_type,
                    "total_amount": total,
                    "technical_income": (total * Decimal("0.8")).quantize(Decimal("0.01")),
                    "currency": "CNY",
                    "starts_on": signed_at.date(),
                    "ends_on": signed_at.date() + timedelta(days=730),
                }
            on_stage = ceremony if number < 15 else None
            agreement = _signed_agreement(
                case,
                kind=kind,
                title=title,
                parties=parties,
                broker=owner,
                now=signed_at if on_stage else signed_at + timedelta(days=20),
                ceremony=on_stage,
                **terms,
            )
            if spec is not None and number % 2 == 0:
                check_change_status(
                    agreement=agreement,
                    target="registered",
                    actor=owner,
                    may_manage=True,
                    registration_number=f"5001032026{number:06d}",
                    registered_on=signed_at.date() + timedelta(days=10),
                    now=signed_at + timedelta(days=10),
                )
            _project(agreement, owner, signed_at + timedelta(days=21), implemented=number < 10, rng=rng)
            projects += 1
        # Negotiations still open: some abandoned, some stale.
        for number in range(6):
            cn, hu = chinese[(number + 5) % len(chinese)], hungarian[(number + 7) % len(hungarian)]
            title = {
                "en": f"Negotiation {number + 1}",
                "zh-hans": f"洽谈 {number + 1}",
                "hu": f"{number + 1}. tárgyalás",
            }
            case = _case(title, hub, [cn, hu], broker, timezone.now() - timedelta(days=50))
            language, text = THREADS[number % 3]
            del language
            check_post_message(
                case=case,
                author=broker,
                body=text,
                internal=False,
                may_post_internal=True,
                now=timezone.now() - timedelta(days=45),
            )
            if number < 2:
                check_change_stage(
                    case=case,
                    target="abandoned",
                    reason="The partner chose another supplier.",
                    actor=broker,
                    may_manage=True,
                    now=timezone.now() - timedelta(days=40),
                )
    return [
        f"Built the cooperation demo: {projects} projects signed, 10 implemented, {CooperationCase.objects.count()} cases."
    ]
