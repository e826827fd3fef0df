"""Demo market: ~2,000 listings of every type in three languages, with expressions of interest.

Built on top of the directory demo (its organisations, centres and demo users). One seeded
random generator, bulk inserts: the same seed gives the same market in a few seconds.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from techbridge.accounts.models import User
from techbridge.demo import builders
from techbridge.directory.domain.routing import centres_with_active_brokers
from techbridge.directory.models import Industry, Organisation, TechnologyField
from techbridge.market.domain.alerts import do_save_search
from techbridge.market.domain.listings import fill_denormalised
from techbridge.market.domain.search import ListingFilters, bump_search_revision
from techbridge.market.enums import EoiStatus, ListingKind, ListingStatus, PartnershipType, Visibility
from techbridge.market.models import (
    AlertFrequency,
    ExpressionOfInterest,
    InterestTransition,
    Listing,
    ListingTransition,
)
from techbridge_core.market.expiry import expiry_for

THINGS = [
    ("process", "工艺", "eljárás"), ("sensor", "传感器", "érzékelő"), ("coating", "涂层", "bevonat"),
    ("control system", "控制系统", "vezérlőrendszer"), ("testing method", "检测方法", "vizsgálati módszer"),
    ("composite material", "复合材料", "kompozit anyag"), ("software platform", "软件平台", "szoftverplatform"),
    ("device", "装置", "berendezés"), ("catalyst", "催化剂", "katalizátor"), ("membrane", "膜材料", "membrán"),
    ("algorithm", "算法", "algoritmus"), ("production line", "生产线", "gyártósor"),
]  # fmt: skip
QUALITIES = [
    ("low-cost", "低成本", "alacsony költségű"), ("high-efficiency", "高效", "nagy hatásfokú"),
    ("modular", "模块化", "moduláris"), ("energy-saving", "节能", "energiatakarékos"),
    ("AI-assisted", "人工智能辅助", "MI-támogatott"), ("recyclable", "可回收", "újrahasznosítható"),
    ("compact", "紧凑型", "kompakt"), ("automated", "自动化", "automatizált"),
]  # fmt: skip
KIND_WEIGHTS = {
    ListingKind.OFFER: 45, ListingKind.DEMAND: 30, ListingKind.RD_COOPERATION: 8,
    ListingKind.CAPITAL: 5, ListingKind.EXPERTISE: 6, ListingKind.SERVICE: 6,
}  # fmt: skip
STATUS_WEIGHTS = {
    ListingStatus.PUBLISHED: 78, ListingStatus.SUBMITTED: 5, ListingStatus.UNDER_REVIEW: 3,
    ListingStatus.DRAFT: 4, ListingStatus.RETURNED: 2, ListingStatus.EXPIRED: 4, ListingStatus.ON_HOLD: 2,
    ListingStatus.WITHDRAWN: 2,
}  # fmt: skip
VISIBILITY_WEIGHTS = {
    Visibility.PUBLIC: 70,
    Visibility.ALLIANCE: 15,
    Visibility.CENTRE: 10,
    Visibility.CONFIDENTIAL: 5,
}
PATTERNS: dict[str, tuple[str, str, str]] = {
    ListingKind.OFFER: ("{q} {t} for {topic}", "面向{topic}的{q}{t}", "{q} {t} – {topic}"),
    ListingKind.DEMAND: (
        "Seeking a {q} {t} for {topic}",
        "寻求用于{topic}的{q}{t}",
        "{q} {t} keresése – {topic}",
    ),
    ListingKind.RD_COOPERATION: (
        "R&D partners wanted: {q} {t} in {topic}",
        "{topic}{q}{t}研发合作伙伴招募",
        "K+F partnereket keresünk: {q} {t} – {topic}",
    ),
    ListingKind.CAPITAL: (
        "Investment for {topic} companies with a {q} {t}",
        "投资{topic}领域{q}{t}项目",
        "Befektetés {topic} cégekbe: {q} {t}",
    ),
    ListingKind.EXPERTISE: (
        "Expert advice on {q} {t} in {topic}",
        "{topic}{q}{t}专家咨询",
        "Szakértői tanácsadás: {q} {t} – {topic}",
    ),
    ListingKind.SERVICE: (
        "Testing services for {q} {t} in {topic}",
        "{topic}{q}{t}检测服务",
        "Vizsgálati szolgáltatás: {q} {t} – {topic}",
    ),
}
SUMMARIES = (
    "A {q} {t} developed for {topic}, ready for pilot use with industrial partners.",
    "面向{topic}的{q}{t}，可与企业合作开展中试。",
    "{q} {t} a(z) {topic} területén, ipari partnerekkel kísérleti alkalmazásra kész.",
)


def _texts(
    patterns: tuple[str, str, str], topic: builders.Topic, thing: tuple[str, ...], quality: tuple[str, ...]
) -> dict[str, str]:
    values = [
        {"q": quality[0], "t": thing[0], "topic": topic.en},
        {"q": quality[1], "t": thing[1], "topic": topic.zh},
        {"q": quality[2], "t": thing[2], "topic": topic.hu},
    ]
    texts = {
        code: pattern.format(**value)
        for code, pattern, value in zip(("en", "zh-hans", "hu"), patterns, values, strict=True)
    }
    return {code: text[0].upper() + text[1:] for code, text in texts.items()}


def _languages(rng: random.Random, country: str) -> set[str]:
    home = {"CN": "zh-hans", "HU": "hu"}.get(country, "en")
    chosen = {home, "en"} if rng.random() < 0.85 else {home}
    if rng.random() < 0.35:
        chosen = {"en", "zh-hans", "hu"}
    return chosen


def _kind_fields(rng: random.Random, kind: str, now: datetime) -> dict[str, Any]:
    if kind == ListingKind.OFFER:
        trl = rng.randint(2, 9)
        stage = ["concept", "under_development", "lab_tested", "demonstrated", "on_the_market"][
            min(4, (trl - 1) // 2)
        ]
        return {"trl": trl, "stage": stage, "ipr_status": rng.choice(["none", "secret_know_how", "applied", "granted"]),
                "price_terms": rng.choice(["negotiable", "fixed", "auction", "free"])}  # fmt: skip
    if kind == ListingKind.DEMAND:
        low = rng.choice([20, 50, 100, 200]) * 1000
        return {
            "budget_min": low,
            "budget_max": low * rng.choice([2, 3, 5]),
            "deadline": (now + timedelta(days=rng.randint(60, 400))).date(),
        }
    if kind == ListingKind.RD_COOPERATION:
        return {"programme": rng.choice(["Horizon Europe", "2021-2027 China–Hungary S&T cooperation", "NKFIH TéT"]),
                "call_id": f"CALL-{rng.randint(2026, 2027)}-{rng.randint(1, 40):02d}",
                "call_deadline": (now + timedelta(days=rng.randint(30, 200))).date(), "call_budget": rng.choice([300, 500, 1500]) * 1000}  # fmt: skip
    if kind == ListingKind.CAPITAL:
        low = rng.choice([100, 250, 500]) * 1000
        return {
            "ticket_min": low,
            "ticket_max": low * 10,
            "investment_stages": rng.sample(["seed", "early", "growth", "late"], 2),
        }
    return {
        "service_kind": rng.choice(["testing", "consulting", "ip", "legal", "expertise"]),
        "price_terms": "negotiable",
    }


def _dates(rng: random.Random, status: str, now: datetime) -> dict[str, Any]:
    if status in (ListingStatus.DRAFT,):
        return {}
    submitted = now - timedelta(days=rng.randint(1, 330))
    dates: dict[str, Any] = {"submitted_at": submitted}
    if status in (ListingStatus.PUBLISHED, ListingStatus.ON_HOLD, ListingStatus.WITHDRAWN):
        dates |= {
            "published_at": submitted + timedelta(days=2),
            "expires_at": expiry_for(submitted + timedelta(days=2)),
        }
    if status == ListingStatus.EXPIRED:
        published = now - timedelta(days=rng.randint(366, 500))
        dates |= {
            "published_at": published,
            "expires_at": expiry_for(published),
            "expired_at": expiry_for(published),
        }
    return dates


def _build_listing(
    rng: random.Random,
    owner: Organisation,
    shared: list[Organisation],
    now: datetime,
    staffed: frozenset[int],
) -> tuple[Listing, Any, Any]:
    topic = rng.choice(builders.topics())
    thing, quality = rng.choice(THINGS), rng.choice(QUALITIES)
    kind = rng.choices(list(KIND_WEIGHTS), weights=list(KIND_WEIGHTS.values()))[0]
    status = rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()))[0]
    languages = _languages(rng, owner.country)
    title = {
        code: text
        for code, text in _texts(PATTERNS[kind], topic, thing, quality).items()
        if code in languages
    }
    summary = {
        code: text for code, text in _texts(SUMMARIES, topic, thing, quality).items() if code in languages
    }
    visibility = rng.choices(list(VISIBILITY_WEIGHTS), weights=list(VISIBILITY_WEIGHTS.values()))[0]
    listing = Listing(
        kind=kind, status=status, visibility=visibility, anonymous=rng.random() < 0.12, owner_organisation=owner,
        title=title, summary=summary, description={code: f"<p>{text}</p>" for code, text in summary.items()},
        keywords=[topic.en, thing[0]][: rng.randint(1, 2)], target_countries=rng.sample(["CN", "HU", "DE", "IT", "PL", "AT"], 2),
        partnership_types=rng.sample(PartnershipType.values, rng.randint(1, 3)),
        **_kind_fields(rng, kind, now), **_dates(rng, status, now),
    )  # fmt: skip
    fill_denormalised(listing, staffed=staffed)
    share = rng.sample(shared, 2) if visibility == Visibility.CONFIDENTIAL else []
    return listing, topic, share


def _senders() -> list[tuple[User, Organisation | None]]:
    users = User.objects.filter(email__endswith="@techbridge.demo", is_superuser=False).order_by("email")
    senders = []
    for user in users:
        membership = user.memberships.select_related("organisation").first()
        senders.append((user, membership.organisation if membership else None))
    return senders


def _interests(rng: random.Random, listings: list[Listing], now: datetime) -> int:
    senders = _senders()
    open_listings = [listing for listing in listings if listing.status == ListingStatus.PUBLISHED]
    statuses = [EoiStatus.SENT, EoiStatus.FORWARDED, EoiStatus.ACCEPTED, EoiStatus.DECLINED, EoiStatus.CLOSED]
    created = 0
    for listing in rng.sample(open_listings, min(150, len(open_listings))):
        sender, organisation = rng.choice(senders)
        if organisation is not None and organisation.pk == listing.owner_organisation_id:
            continue
        status = rng.choice(statuses)
        forwarded = now - timedelta(days=2) if status != EoiStatus.SENT and listing.anonymous else None
        interest = ExpressionOfInterest.objects.create(
            listing=listing, sender=sender, sender_organisation=organisation, status=status, forwarded_at=forwarded,
            message=rng.choice(["We would like to license this technology.", "我们希望就该技术开展合作。", "Szívesen együttműködnénk ezen a területen."]),
            intended_use="Pilot production", timeline=rng.choice(["Q3 2026", "2027", "6 months"]), created_at=now - timedelta(days=5),
        )  # fmt: skip
        InterestTransition.objects.create(
            interest=interest, to_status=EoiStatus.SENT, actor=sender, at=now - timedelta(days=5)
        )
        if status != EoiStatus.SENT:
            InterestTransition.objects.create(
                interest=interest, from_status=EoiStatus.SENT, to_status=status, at=now - timedelta(days=2)
            )
        created += 1
    return created


@transaction.atomic
def do_build_market_demo(*, seed: int, listings: int = 2000) -> list[str]:
    rng = random.Random(seed)  # noqa: S311 - demo content, not security
    now = timezone.now().replace(microsecond=0)
    owners = list(Organisation.objects.filter(is_published=True, centre__isnull=False).order_by("id"))
    shared = list(Organisation.objects.filter(is_published=True).order_by("id")[:40])
    fields = {field.code: field for field in TechnologyField.objects.all()}
    industries = {industry.code: industry for industry in Industry.objects.all()}
    staffed = centres_with_active_brokers()  # listings go where a broker reviews them
    built = [_build_listing(rng, rng.choice(owners), shared, now, staffed) for _ in range(listings)]
    created = Listing.objects.bulk_create([listing for listing, _topic, _share in built], batch_size=500)
    _relations(created, built, fields, industries)
    ListingTransition.objects.bulk_create(
        [
            ListingTransition(
                listing=listing, action="create", to_status=ListingStatus.DRAFT, at=now - timedelta(days=400)
            )
            for listing in created
        ]
        + [
            ListingTransition(
                listing=listing,
                action="approve",
                from_status=ListingStatus.SUBMITTED,
                to_status=listing.status,
                at=listing.published_at,
            )
            for listing in created
            if listing.published_at
        ]
    )
    interests = _interests(rng, created, now)
    bump_search_revision()  # bulk rows send no signals
    searches = _saved_searches(rng)
    summary = (
        f"Built the demo market (seed {seed}): {len(created)} listings, {interests} expressions of interest, "
        f"{searches} saved searches with e-mail alerts."
    )
    return [summary]


SAVED_SEARCHES = (
    ("Battery offers", ListingFilters(q="battery", kinds=(ListingKind.OFFER,))),
    ("电池技术", ListingFilters(q="电池")),
    ("Intelligent manufacturing demands", ListingFilters(q="manufacturing", kinds=(ListingKind.DEMAND,))),
    (
        "Orvosbiológiai ajánlatok",
        ListingFilters(q="biomedical", kinds=(ListingKind.OFFER, ListingKind.EXPERTISE)),
    ),
    ("Investors", ListingFilters(kinds=(ListingKind.CAPITAL,))),
)


def _saved_searches(rng: random.Random) -> int:
    """Every demo login keeps one or two searches, so "My saved searches" and the widget have content."""
    created = 0
    for user, _organisation in _senders():
        for name, filters in rng.sample(SAVED_SEARCHES, 2):
            frequency = rng.choice([AlertFrequency.DAILY, AlertFrequency.WEEKLY])
            do_save_search(user=user, name=name, filters=filters, frequency=frequency)
            created += 1
    return created


def _relations(
    created: list[Listing],
    built: list[tuple[Listing, Any, Any]],
    fields: dict[str, Any],
    industries: dict[str, Any],
) -> None:
    field_rows, industry_rows, share_rows = [], [], []
    for listing, (_listing, topic, share) in zip(created, built, strict=True):
        field_rows.append(
            Listing.technology_fields.through(
                listing_id=listing.pk, technologyfield_id=fields[topic.field_code].pk
            )
        )
        industry_rows.append(
            Listing.industries.through(listing_id=listing.pk, industry_id=industries[topic.industry_code].pk)
        )
        share_rows += [
            Listing.shared_with.through(listing_id=listing.pk, organisation_id=org.pk) for org in share
        ]
    Listing.technology_fields.through.objects.bulk_create(field_rows, batch_size=1000)
    Listing.industries.through.objects.bulk_create(industry_rows, batch_size=1000)
    Listing.shared_with.through.objects.bulk_create(share_rows, batch_size=1000)


@transaction.atomic
def do_clear_market() -> None:
    """Delete every market row; listings protect their owner organisations."""
    from techbridge.market import models
    from techbridge.notifications.models import Notification

    for model in (
        models.SavedSearch,
        Notification,
        models.InterestTransition,
        models.ExpressionOfInterest,
        models.ListingAttachment,
        models.ListingTransition,
        models.Listing,
    ):
        model.objects.all().delete()
