"""Writes the demo directory: alliance, centres with branches, organisations, people and demo users."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from techbridge.accounts.domain.time_zone import LANGUAGE_ZONES
from techbridge.accounts.models import User
from techbridge.demo import builders
from techbridge.directory.domain.taxonomy import load_taxonomies
from techbridge.directory.enums import CentreRole, OrganisationKind, OrganisationRole
from techbridge.directory.models import (
    Alliance,
    Branch,
    Centre,
    CentreOperator,
    ExpertProfile,
    Industry,
    Membership,
    Organisation,
    Person,
    TechnologyField,
)

DEMO_PASSWORD = "techbridge-demo-2026"  # noqa: S105 - printed for the demo; demo users only
KIND_WEIGHTS = {
    OrganisationKind.UNIVERSITY: 18,
    OrganisationKind.RESEARCH_INSTITUTE: 14,
    OrganisationKind.ENTERPRISE: 40,
    OrganisationKind.GOVERNMENT: 5,
    OrganisationKind.INVESTOR: 9,
    OrganisationKind.TRANSFER_CENTRE: 5,
    OrganisationKind.SERVICE_PROVIDER: 7,
    OrganisationKind.INTERNATIONAL: 2,
}


@dataclass(frozen=True)
class DemoLogin:
    email: str
    role: str


CENTRES: list[dict[str, Any]] = [
    {
        "slug": "cq-hu",
        "name": {
            "en": "China–Hungary Technology Transfer Center",
            "zh-hans": "中国—匈牙利技术转移中心",
            "hu": "Kínai–Magyar Technológiatranszfer Központ",
        },
        "country": "CN",
        "city": "Chongqing",
        "branches": [
            (
                {"en": "Chongqing headquarters", "zh-hans": "重庆总部", "hu": "csungkingi központ"},
                "CN",
                "Chongqing",
            ),
            (
                {"en": "Budapest branch", "zh-hans": "布达佩斯分中心", "hu": "budapesti kirendeltség"},
                "HU",
                "Budapest",
            ),
        ],
    },
    {
        "slug": "sichuan",
        "name": {
            "en": "Sichuan Technology Transfer Center",
            "zh-hans": "四川技术转移中心",
            "hu": "Szecsuáni Technológiatranszfer Központ",
        },
        "country": "CN",
        "city": "Chengdu",
        "branches": [
            (
                {"en": "Mianyang branch", "zh-hans": "绵阳分中心", "hu": "mienjangi kirendeltség"},
                "CN",
                "Mianyang",
            )
        ],
    },
    {
        "slug": "guizhou",
        "name": {
            "en": "Guizhou Technology Transfer Center",
            "zh-hans": "贵州技术转移中心",
            "hu": "Kujcsoui Technológiatranszfer Központ",
        },
        "country": "CN",
        "city": "Guiyang",
        "branches": [
            ({"en": "Zunyi branch", "zh-hans": "遵义分中心", "hu": "cunji kirendeltség"}, "CN", "Zunyi")
        ],
    },
]


def _alliance() -> Alliance:
    return Alliance.objects.create(
        slug="cq-sc-gz",
        name={
            "en": "Chongqing–Sichuan–Guizhou Technology Transfer Alliance",
            "zh-hans": "川渝黔技术转移联盟",
            "hu": "Csungking–Szecsuán–Kujcsou Technológiatranszfer Szövetség",
        },
        description={
            "en": "<p>Centres of three provinces share their technology offers, demands and experts.</p>",
            "zh-hans": "<p>三地技术转移中心共享技术供给、技术需求和专家资源。</p>",
            "hu": "<p>Három tartomány központjai osztják meg technológiai ajánlataikat, igényeiket és szakértőiket.</p>",
        },
    )


def _centres(alliance: Alliance) -> dict[str, Centre]:
    centres = {}
    for spec in CENTRES:
        centre = Centre.objects.create(
            slug=spec["slug"],
            name=spec["name"],
            alliance=alliance,
            country=spec["country"],
            city=spec["city"],
            description={code: f"<p>{text}</p>" for code, text in spec["name"].items()},
        )
        for name, country, city in spec["branches"]:
            Branch.objects.create(centre=centre, name=name, country=country, city=city)
        centres[spec["slug"]] = centre
    return centres


def _centre_for(rng: random.Random, place: builders.Place, centres: dict[str, Centre]) -> Centre | None:
    if place.en in builders.ALLIANCE_CITIES:
        return centres[builders.ALLIANCE_CITIES[place.en]]
    if place.country in {"CN", "HU"}:
        return centres["cq-hu"]
    return rng.choice([centres["cq-hu"], centres["sichuan"], centres["guizhou"], None, None])


def _organisations(rng: random.Random, count: int, centres: dict[str, Centre]) -> list[Organisation]:
    places, topics = builders.places(), builders.topics()
    fields = {field.code: field for field in TechnologyField.objects.all()}
    industries = {industry.code: industry for industry in Industry.objects.all()}
    weighted = [p for p in places for _ in range(12 if p.country == "CN" else 6 if p.country == "HU" else 1)]
    chosen = places + [rng.choice(weighted) for _ in range(max(0, count - len(places)))]
    organisations: list[Organisation] = []
    for place in chosen[:count]:
        kind = rng.choices(list(KIND_WEIGHTS), weights=list(KIND_WEIGHTS.values()))[0]
        first, second = rng.sample(topics, 2)
        name = builders.organisation_name(rng, kind, place, first)
        organisation = Organisation.objects.create(
            name=builders.keep_languages(rng, name, place.country),
            short_name="",
            kind=kind,
            country=place.country,
            region=place.region,
            city=place.en,
            website=f"https://www.example.org/{len(organisations) + 1}",
            description=builders.keep_languages(
                rng, builders.organisation_description(name, first, second), place.country
            ),
            centre=_centre_for(rng, place, centres),
            is_published=rng.random() < 0.92,
        )
        organisation.technology_fields.set({fields[first.field_code], fields[second.field_code]})
        organisation.industries.set({industries[first.industry_code], industries[second.industry_code]})
        organisations.append(organisation)
    return organisations


def _people(rng: random.Random, count: int, organisations: list[Organisation]) -> list[Person]:
    topics = builders.topics()
    fields = {field.code: field for field in TechnologyField.objects.all()}
    people = []
    for _index in range(count):
        organisation = rng.choice(organisations)
        country = organisation.country
        person = Person.objects.create(
            full_name=builders.person_name(rng, country),
            position=builders.keep_languages(rng, rng.choice(builders.POSITIONS), country),
            organisation=organisation,
            country=country,
            city=organisation.city,
            languages=builders.COUNTRY_LANGUAGES.get(country, ["en"]),
            visibility=builders.pick_visibility(rng),
        )
        if rng.random() < 0.4:
            topic = rng.choice(topics)
            expertise, qualifications = builders.expert_texts(topic, rng.randint(5, 30))
            expert = ExpertProfile.objects.create(
                person=person,
                expertise=expertise,
                qualifications=qualifications,
                recognition=builders.pick_recognition(rng),
                mobility=builders.pick_mobility(rng),
            )
            expert.technology_fields.set({fields[topic.field_code]})
        people.append(person)
    return people


def _user(email: str, name: str, *, superuser: bool = False, staff: bool = False) -> User:
    if superuser:
        return User.objects.create_superuser(email, DEMO_PASSWORD, display_name=name)
    from django.utils import timezone

    return User.objects.create_user(
        email, DEMO_PASSWORD, display_name=name, is_staff=staff, email_confirmed_at=timezone.now()
    )


def _first(organisations: list[Organisation], *, country: str, kind: str) -> Organisation:
    """The first published organisation of a kind in a country, else of the country, else any."""
    for wanted in (
        lambda o: o.country == country and o.kind == kind and o.is_published,
        lambda o: o.country == country,
        lambda o: True,
    ):
        match = next((o for o in organisations if wanted(o)), None)
        if match is not None:
            return match
    raise ValueError("the demo needs at least one organisation")


def _demo_users(centres: dict[str, Centre], organisations: list[Organisation]) -> list[DemoLogin]:
    _user("admin@techbridge.demo", "Platform Administrator", superuser=True)
    operator = _user("broker@techbridge.demo", "Li Na (技术经纪人)", staff=True)
    CentreOperator.objects.create(centre=centres["cq-hu"], user=operator, role=CentreRole.OPERATOR)
    sichuan = _user("broker.chengdu@techbridge.demo", "Wang Jun", staff=True)
    CentreOperator.objects.create(centre=centres["sichuan"], user=sichuan, role=CentreRole.OPERATOR)
    budapest_university = _first(organisations, country="HU", kind=OrganisationKind.UNIVERSITY)
    chongqing_company = _first(organisations, country="CN", kind=OrganisationKind.ENTERPRISE)
    org_admin = _user("research.office@techbridge.demo", "Kovács Réka")
    Membership.objects.create(organisation=budapest_university, user=org_admin, role=OrganisationRole.ADMIN)
    member = _user("engineer@techbridge.demo", "Chen Hao")
    Membership.objects.create(organisation=chongqing_company, user=member, role=OrganisationRole.MEMBER)
    expert_user = _user("expert@techbridge.demo", "Dr. Elena Rossi")
    person = expert_user.person
    person.country, person.languages = "IT", ["it", "en"]
    person.position = {"en": "Independent expert", "zh-hans": "独立专家", "hu": "független szakértő"}
    person.visibility = "public"
    person.save()
    expertise, qualifications = builders.expert_texts(builders.topics()[0], 18)
    ExpertProfile.objects.create(person=person, expertise=expertise, qualifications=qualifications)
    return [
        DemoLogin("admin@techbridge.demo", "platform administrator"),
        DemoLogin(
            "broker@techbridge.demo",
            "centre operator (China–Hungary centre), organiser of the demo conference",
        ),
        DemoLogin("broker.chengdu@techbridge.demo", "centre operator (Sichuan centre)"),
        DemoLogin("research.office@techbridge.demo", f"organisation administrator ({budapest_university})"),
        DemoLogin("engineer@techbridge.demo", f"organisation member ({chongqing_company})"),
        DemoLogin("expert@techbridge.demo", "individual expert"),
    ]


def demo_exists() -> bool:
    return Alliance.objects.filter(slug="cq-sc-gz").exists()


@transaction.atomic
def do_clear_directory() -> None:
    for model in (ExpertProfile, Person, Membership, CentreOperator, Organisation, Branch, Centre, Alliance):
        model.objects.all().delete()
    User.objects.filter(email__endswith="@techbridge.demo").delete()


@transaction.atomic
def do_build_directory_demo(*, seed: int, organisations: int = 200, people: int = 300) -> list[DemoLogin]:
    rng = random.Random(seed)  # noqa: S311 - demo content, not security
    # The taxonomies come with a data migration, but a flushed database (a test that empties every
    # table, `manage.py flush`) has lost them: the demo classifies with every field, so it restores them.
    load_taxonomies(TechnologyField, Industry)
    alliance = _alliance()
    centres = _centres(alliance)
    # The China–Hungary centre coordinates: it reviews for member centres without a broker.
    alliance.coordinating_centre = centres["cq-hu"]
    alliance.save(update_fields=["coordinating_centre"])
    built = _organisations(rng, organisations, centres)
    _people(rng, people, built)
    return _demo_users(centres, built)


def do_set_demo_time_zones() -> None:
    """Demo accounts show times on their owners' clocks: the zone of their organisation's country,
    else of their language (as a new account's would be)."""
    for country, zone in {"CN": "Asia/Shanghai", "HU": "Europe/Budapest"}.items():
        User.objects.filter(time_zone="", memberships__organisation__country=country).update(time_zone=zone)
    for language, zone in LANGUAGE_ZONES.items():
        User.objects.filter(time_zone="", preferred_language=language).update(time_zone=zone)
