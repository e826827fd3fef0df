"""Demo data for the shared-instrument platform, on top of the directory demo.

~300 instruments in ~40 organisations of the alliance, rate cards and two subsidy schemes,
demo bookers from member and outside organisations, and a month of bookings around today
(past ones checked in and out and billed, some no-shows, some awaiting approval).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from techbridge.accounts.models import User
from techbridge.demo.directory_demo import DEMO_PASSWORD
from techbridge.directory.enums import OrganisationKind, OrganisationRole
from techbridge.directory.models import Membership, Organisation
from techbridge.instruments.domain import policies
from techbridge.instruments.domain.fees import charge_of
from techbridge.instruments.domain.taxonomy import load_categories
from techbridge.instruments.enums import (
    BookingMode,
    BookingStatus,
    InstrumentStatus,
    UserCategory,
)
from techbridge.instruments.models import (
    Booking,
    CalendarSettings,
    Charge,
    Facility,
    FacilityManager,
    Instrument,
    InstrumentCategory,
    Qualification,
    Rate,
    SubsidyScheme,
)
from techbridge_core import booking as core
from techbridge_core.booking.fees import Charge as CoreCharge
from techbridge_core.booking.fees import RateCard, statement_line

OWNER_KINDS = (
    OrganisationKind.UNIVERSITY,
    OrganisationKind.RESEARCH_INSTITUTE,
    OrganisationKind.SERVICE_PROVIDER,
)
ZONES = {"CN": "Asia/Shanghai", "HU": "Europe/Budapest"}


@dataclass(frozen=True)
class Kind:
    category: str
    en: str
    zh: str
    hu: str
    makers: tuple[tuple[str, str], ...]
    unit: str
    price: int
    """Internal price per hour or sample, CNY."""


KINDS = [
    Kind(
        "0101",
        "Scanning electron microscope",
        "扫描电子显微镜",
        "Pásztázó elektronmikroszkóp",
        (("Zeiss", "Sigma 300"), ("Hitachi", "SU8010")),
        "hour",
        300,
    ),
    Kind(
        "0101",
        "Transmission electron microscope",
        "透射电子显微镜",
        "Transzmissziós elektronmikroszkóp",
        (("Thermo Fisher", "Talos F200X"), ("JEOL", "JEM-2100F")),
        "hour",
        800,
    ),
    Kind(
        "0102",
        "Liquid chromatography–mass spectrometer",
        "液相色谱-质谱联用仪",
        "Folyadékkromatográf–tömegspektrométer",
        (("Agilent", "6545 Q-TOF"), ("Waters", "Xevo TQ-S")),
        "sample",
        450,
    ),
    Kind(
        "0102",
        "ICP mass spectrometer",
        "电感耦合等离子体质谱仪",
        "ICP tömegspektrométer",
        (("Agilent", "7900"), ("Thermo Fisher", "iCAP RQ")),
        "sample",
        260,
    ),
    Kind(
        "0103",
        "X-ray diffractometer",
        "X射线衍射仪",
        "Röntgendiffraktométer",
        (("Bruker", "D8 Advance"), ("Rigaku", "SmartLab")),
        "hour",
        220,
    ),
    Kind(
        "0103",
        "X-ray fluorescence spectrometer",
        "X射线荧光光谱仪",
        "Röntgenfluoreszcens spektrométer",
        (("Malvern Panalytical", "Zetium"),),
        "sample",
        150,
    ),
    Kind(
        "0104",
        "FTIR spectrometer",
        "傅里叶变换红外光谱仪",
        "FTIR spektrométer",
        (("Bruker", "Vertex 70"), ("Thermo Fisher", "Nicolet iS50")),
        "hour",
        120,
    ),
    Kind(
        "0104",
        "Raman spectrometer",
        "拉曼光谱仪",
        "Raman spektrométer",
        (("Horiba", "LabRAM HR Evolution"), ("Renishaw", "inVia")),
        "hour",
        180,
    ),
    Kind(
        "0105",
        "Gas chromatograph",
        "气相色谱仪",
        "Gázkromatográf",
        (("Shimadzu", "GC-2030"), ("Agilent", "8890")),
        "sample",
        90,
    ),
    Kind(
        "0105",
        "High-performance liquid chromatograph",
        "高效液相色谱仪",
        "Nagyhatékonyságú folyadékkromatográf",
        (("Waters", "ACQUITY Arc"), ("Agilent", "1260 Infinity II")),
        "sample",
        100,
    ),
    Kind(
        "0106",
        "NMR spectrometer 600 MHz",
        "600兆核磁共振波谱仪",
        "600 MHz-es NMR spektrométer",
        (("Bruker", "Avance NEO 600"),),
        "hour",
        600,
    ),
    Kind(
        "0108",
        "Confocal laser scanning microscope",
        "激光共聚焦显微镜",
        "Konfokális lézerpásztázó mikroszkóp",
        (("Leica", "STELLARIS 5"), ("Zeiss", "LSM 980")),
        "hour",
        250,
    ),
    Kind(
        "0109",
        "Thermogravimetric analyser",
        "热重分析仪",
        "Termogravimetriás analizátor",
        (("Netzsch", "TG 209 F1"), ("Mettler Toledo", "TGA 2")),
        "sample",
        80,
    ),
    Kind(
        "0110",
        "Flow cytometer",
        "流式细胞仪",
        "Áramlási citométer",
        (("BD", "FACSymphony"), ("Beckman Coulter", "CytoFLEX")),
        "hour",
        200,
    ),
    Kind(
        "02",
        "Universal testing machine",
        "万能材料试验机",
        "Univerzális anyagvizsgáló gép",
        (("Instron", "5985"), ("Zwick Roell", "Z250")),
        "hour",
        150,
    ),
    Kind(
        "04",
        "Vector network analyser",
        "矢量网络分析仪",
        "Vektoros hálózatanalizátor",
        (("Keysight", "PNA-X N5247B"), ("Rohde & Schwarz", "ZNA")),
        "hour",
        160,
    ),
    Kind(
        "09",
        "Femtosecond laser system",
        "飞秒激光系统",
        "Femtoszekundumos lézerrendszer",
        (("Coherent", "Astrella"), ("Light Conversion", "Pharos")),
        "hour",
        500,
    ),
    Kind(
        "10",
        "3D metal printer",
        "金属3D打印机",
        "Fém 3D nyomtató",
        (("EOS", "M 290"), ("Bright Laser", "BLT-S310")),
        "hour",
        400,
    ),
    Kind(
        "11",
        "GPU computing cluster",
        "GPU计算集群",
        "GPU számítási klaszter",
        (("Inspur", "NF5488A5"), ("Dell", "PowerEdge XE9680")),
        "hour",
        60,
    ),
    Kind("13", "Small-animal PET/CT", "小动物PET/CT", "Kisállat PET/CT", (("Bruker", "Si78"),), "hour", 900),
]
RATE_FACTORS = {
    UserCategory.INTERNAL: Decimal(1),
    UserCategory.ALLIANCE_MEMBER: Decimal("1.5"),
    UserCategory.EXTERNAL_ENTERPRISE: Decimal(2),
}


def _owners(rng: random.Random, count: int) -> list[Organisation]:
    candidates = list(
        Organisation.objects.filter(
            is_published=True, centre__alliance__isnull=False, kind__in=OWNER_KINDS
        ).order_by("id")
    )
    extra = list(
        Organisation.objects.filter(is_published=True, centre__alliance__isnull=False)
        .exclude(kind__in=OWNER_KINDS)
        .order_by("id")
    )
    office = (
        Membership.objects.filter(user__email="research.office@techbridge.demo")
        .select_related("organisation")
        .first()
    )
    chosen = ([office.organisation] if office else []) + [
        o for o in candidates if not office or o.pk != office.organisation_id
    ]
    chosen += rng.sample(extra, min(len(extra), max(0, count - len(chosen))))
    return chosen[:count]


def _user(email: str, name: str) -> User:
    return User.objects.create_user(
        email, DEMO_PASSWORD, display_name=name, email_confirmed_at=timezone.now()
    )


def _facility(rng: random.Random, organisation: Organisation, number: int) -> Facility:
    names = [
        {
            "en": "Analysis and testing centre",
            "zh-hans": "分析测试中心",
            "hu": "Analitikai és vizsgálóközpont",
        },
        {
            "en": "Materials characterisation lab",
            "zh-hans": "材料表征实验室",
            "hu": "Anyagvizsgáló laboratórium",
        },
    ]
    return Facility.objects.create(
        organisation=organisation,
        name=names[number % len(names)],
        description={
            "en": "<p>Shared instruments open to the alliance.</p>",
            "zh-hans": "<p>向联盟开放共享的大型仪器。</p>",
        },
        city=organisation.city,
        time_zone=ZONES.get(organisation.country, "UTC"),
        contact_email=f"lab{organisation.pk}-{number}@example.org",
        is_public=rng.random() < 0.93,
    )


def _instrument(
    rng: random.Random, facility: Facility, kind: Kind, categories: dict[str, InstrumentCategory]
) -> Instrument:
    maker, model = rng.choice(kind.makers)
    hours = rng.choice([(time(8), time(18)), (time(8), time(20)), (time(0), time(0))])
    instrument = Instrument.objects.create(
        facility=facility,
        category=categories[kind.category],
        name={"en": kind.en, "zh-hans": kind.zh, "hu": kind.hu},
        model_number=model,
        manufacturer=maker,
        shared_with_alliance=facility.is_public,  # a public lab's instruments travel to the partners
        location=f"Building {rng.randint(1, 9)}, room {rng.randint(101, 499)}",
        description={
            "en": f"<p>{maker} {model} {kind.en.lower()}.</p>",
            "zh-hans": f"<p>{maker} {model} {kind.zh}。</p>",
        },
        parameters={"en": "<ul><li>Resolution and ranges per the manufacturer's specification</li></ul>"},
        services={
            "en": "<p>Measurement, data analysis, training.</p>",
            "zh-hans": "<p>测试、数据分析、培训。</p>",
        },
        sample_requirements={"en": "<p>Dry, stable samples; send the safety data sheet first.</p>"},
        contact_name=facility.contact_email.split("@")[0],
        contact_email=facility.contact_email,
        status=rng.choices(list(InstrumentStatus), weights=[90, 7, 3])[0],
        capacity=rng.choices([1, 2], weights=[85, 15])[0],
        granularity_minutes=rng.choice([30, 60]),
        min_duration_minutes=60,
        max_duration_minutes=rng.choice([240, 480, None]),
        horizon_days=60,
        opens_at=hours[0],
        closes_at=hours[1],
        open_weekdays=[0, 1, 2, 3, 4] if hours[1] != time(0) else [0, 1, 2, 3, 4, 5, 6],
        required_qualification=f"{kind.category}-basic" if rng.random() < 0.3 else "",
        user_daily_minutes=rng.choice([None, 480]),
        currency="HUF" if facility.time_zone == "Europe/Budapest" else "CNY",
    )
    factor = Decimal(50) if instrument.currency == "HUF" else Decimal(1)
    for category, multiplier in RATE_FACTORS.items():
        Rate.objects.create(
            instrument=instrument,
            category=category,
            unit=kind.unit,
            price=Decimal(kind.price) * multiplier * factor,
        )
    return instrument


def _schemes() -> dict[str, SubsidyScheme]:
    return {
        "CNY": SubsidyScheme.objects.create(
            slug="cq-innovation-voucher",
            name={
                "en": "Chongqing innovation voucher",
                "zh-hans": "重庆科技创新券",
                "hu": "Csungkingi innovációs utalvány",
            },
            percent=Decimal(30),
            budget_cap=Decimal(200_000),
            currency="CNY",
            eligible_categories=[UserCategory.EXTERNAL_ENTERPRISE.value],
        ),
        "HUF": SubsidyScheme.objects.create(
            slug="hu-sharing-subsidy",
            name={
                "en": "Hungarian instrument-sharing subsidy",
                "zh-hans": "匈牙利仪器共享补贴",
                "hu": "Műszermegosztási díjtámogatás",
            },
            percent=Decimal(20),
            budget_cap=Decimal(5_000_000),
            currency="HUF",
            eligible_categories=[UserCategory.EXTERNAL_ENTERPRISE.value, UserCategory.ALLIANCE_MEMBER.value],
        ),
    }


@dataclass(frozen=True)
class Booker:
    user: User
    organisation: Organisation | None


def _bookers(rng: random.Random, count: int) -> list[Booker]:
    bookers = []
    engineer = User.objects.filter(email="engineer@techbridge.demo").first()
    if engineer is not None:
        membership = Membership.objects.filter(user=engineer).select_related("organisation").first()
        bookers.append(Booker(engineer, membership.organisation if membership else None))
    organisations = list(
        Organisation.objects.filter(is_published=True).select_related("centre").order_by("id")
    )
    for number in range(1, count + 1):
        organisation = rng.choice(organisations)
        user = _user(f"booker{number:02d}@techbridge.demo", f"Booker {number:02d}")
        Membership.objects.create(organisation=organisation, user=user, role=OrganisationRole.MEMBER)
        bookers.append(Booker(user, organisation))
    return bookers


def _category(booker: Booker, owner: Organisation) -> UserCategory:
    if booker.organisation is None:
        return UserCategory.EXTERNAL_ENTERPRISE
    if booker.organisation.pk == owner.pk:
        return UserCategory.INTERNAL
    if booker.organisation.centre_id and owner.centre_id:
        return UserCategory.ALLIANCE_MEMBER
    return UserCategory.EXTERNAL_ENTERPRISE


def _day_bookings(
    rng: random.Random, instrument: Instrument, day: date, bookers: list[Booker], now: datetime
) -> list[Booking]:
    zone = ZoneInfo(instrument.facility.time_zone)
    opens = instrument.opens_at.hour
    closes = instrument.closes_at.hour or 24
    hour = opens + rng.randint(0, 2)
    rows: list[Booking] = []
    while hour < closes - 1 and len(rows) < 4:
        length = rng.randint(1, 3)
        if hour + length > closes or rng.random() < 0.35:
            hour += 1
            continue
        booker = rng.choice(bookers)
        start = datetime.combine(day, time(hour), tzinfo=zone).astimezone(UTC)
        rows.append(
            _booking(rng, instrument, booker, start=start, end=start + timedelta(hours=length), now=now)
        )
        hour += length + rng.randint(0, 2)
    return rows


def _booking(
    rng: random.Random,
    instrument: Instrument,
    booker: Booker,
    *,
    start: datetime,
    end: datetime,
    now: datetime,
) -> Booking:
    category = _category(booker, instrument.facility.organisation)
    past = end <= now
    pending = not past and category != UserCategory.INTERNAL and rng.random() < 0.4
    status = BookingStatus.PENDING if pending else BookingStatus.CONFIRMED
    no_show = past and rng.random() < 0.08
    checked_in = None if not past or no_show else start + timedelta(minutes=rng.randint(0, 10))
    return Booking(
        instrument=instrument,
        user=booker.user,
        organisation=booker.organisation,
        start=start,
        end=end,
        status=status,
        mode=rng.choice([BookingMode.SELF_SERVICE, BookingMode.OPERATED]),
        category=category,
        samples=rng.randint(1, 12),
        purpose="",
        checked_in_at=checked_in,
        checked_out_at=end - timedelta(minutes=rng.randint(0, 20)) if checked_in else None,
    )


def _bill(bookings: list[Booking], schemes: dict[str, SubsidyScheme], rng: random.Random) -> int:
    """Charges for the checked-out bookings, in time order, consuming each scheme's budget."""
    spent: dict[str, Decimal] = {}
    cards: dict[int, RateCard] = {}
    charges = []
    for booking in sorted(bookings, key=lambda b: (b.start, b.pk)):
        if booking.checked_out_at is None:
            continue
        instrument = booking.instrument
        scheme = schemes.get(instrument.currency) if booking.category != UserCategory.INTERNAL else None
        if scheme is not None and booking.category not in scheme.eligible_categories:
            scheme = None
        card = cards.setdefault(instrument.pk, policies.rate_card(instrument))
        charge = CoreCharge(
            booking_id=booking.pk,
            category=core.UserCategory(booking.category),
            reserved=core.Interval(booking.start, booking.end),
            samples=booking.samples,
            scheme_id=scheme.slug if scheme else None,
        )
        left = scheme.budget_cap - spent.get(scheme.slug, Decimal(0)) if scheme else Decimal(0)
        line = statement_line(
            charge,
            rate_card=card,
            scheme=policies.subsidy_scheme(scheme) if scheme else None,
            budget_left=left,
        )
        if scheme is not None:
            spent[scheme.slug] = spent.get(scheme.slug, Decimal(0)) + line.subsidy
            booking.scheme = scheme
        charges.append(charge_of(booking, line))
    Booking.objects.bulk_update([c.booking for c in charges if c.scheme_id], ["scheme"], batch_size=500)
    Charge.objects.bulk_create(charges, batch_size=500)
    return len(charges)


def _demo_roles(owners: list[Organisation], facilities: list[Facility]) -> list[str]:
    manager = _user("lab.manager@techbridge.demo", "Nagy Péter (laborvezető)")
    first_owner = owners[0]
    for facility in facilities:
        if facility.organisation_id == first_owner.pk:
            FacilityManager.objects.create(facility=facility, user=manager)
    chongqing = next((f for f in facilities if f.time_zone == "Asia/Shanghai"), None)
    cq_manager = _user("lab.chongqing@techbridge.demo", "Zhao Min (平台管理员)")
    if chongqing is not None:
        for facility in facilities:
            if facility.organisation_id == chongqing.organisation_id:
                FacilityManager.objects.create(facility=facility, user=cq_manager)
    engineer = User.objects.filter(email="engineer@techbridge.demo").first()
    if engineer is not None:
        User.objects.filter(pk=engineer.pk).update(time_zone="Asia/Shanghai")
        CalendarSettings.objects.create(user=engineer, feed_token=f"demo-{engineer.pk:06d}-engineer-feed")
        Qualification.objects.create(user=engineer, code="0101-basic")
    return [
        f"  lab.manager@techbridge.demo          facility manager ({first_owner})",
        f"  lab.chongqing@techbridge.demo        facility manager ({chongqing.organisation if chongqing else '-'})",
    ]


@transaction.atomic
def do_build_instruments_demo(*, seed: int, instruments: int = 300, organisations: int = 40) -> list[str]:
    rng = random.Random(seed)  # noqa: S311 - demo content, not security
    now = timezone.now()
    load_categories(InstrumentCategory)  # a flushed database lost the migration's categories
    categories = {c.code: c for c in InstrumentCategory.objects.all()}
    owners = _owners(rng, organisations)
    facilities = [_facility(rng, owner, n) for owner in owners for n in range(1 + (rng.random() < 0.3))]
    built = [
        _instrument(rng, facilities[n % len(facilities)], rng.choice(KINDS), categories)
        for n in range(instruments)
    ]
    schemes = _schemes()
    bookers = _bookers(rng, 30)
    first_day = (now - timedelta(days=20)).date()
    rows = []
    for instrument in built:
        if instrument.status != InstrumentStatus.AVAILABLE:
            continue
        for offset in range(30):
            day = first_day + timedelta(days=offset)
            if day.weekday() in instrument.open_weekdays and rng.random() < 0.7:
                rows.extend(_day_bookings(rng, instrument, day, bookers, now))
    created = Booking.objects.bulk_create(rows, batch_size=500)
    charges = _bill(created, schemes, rng)
    return [
        (
            f"Built the instrument platform demo (seed {seed}): {len(built)} instruments in {len(facilities)} "
            f"facilities of {len(owners)} organisations, {len(created)} bookings, {charges} charges."
        ),
        *_demo_roles(owners, facilities),
        "  engineer@techbridge.demo             books instruments (enterprise user, Asia/Shanghai)",
    ]


@transaction.atomic
def do_clear_instruments() -> None:
    """Delete every instrument row, children first (bookings protect their users and instruments)."""
    from techbridge.instruments import models

    for model in (
        models.Charge,
        models.WaitingListEntry,
        models.Booking,
        models.Qualification,
        models.Blackout,
        models.Rate,
        models.InstrumentPhoto,
        models.Instrument,
        models.SubsidyScheme,
        models.FacilityManager,
        models.Facility,
        models.CalendarSettings,
    ):
        model.objects.all().delete()
