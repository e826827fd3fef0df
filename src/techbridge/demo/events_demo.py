"""Demo event: a Belt and Road technology exchange conference in Chongqing, on top of the directory
and market demos.

Organised by the China–Hungary centre (its operator broker@techbridge.demo runs it): a full
programme over three days, an exhibition of offer listings in themed areas, ~150 approved
participants from many countries (some taking part online from Budapest), ~500 accepted
meeting requests plus sent and declined ones, and a schedule made by the real scheduler and
published. The data is the same for the same seed; the schedule too, up to what the solver
finds within its time limit.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from techbridge.accounts.models import User
from techbridge.demo import builders
from techbridge.demo.directory_demo import DEMO_PASSWORD
from techbridge.directory.models import Centre, Organisation
from techbridge.events.domain.publishing import do_publish_run
from techbridge.events.enums import (
    ActivityKind,
    AttendanceMode,
    EventStatus,
    MeetingRequestStatus,
    ParticipantCategory,
    RegistrationStatus,
    ScheduleRunStatus,
    SpeakerRole,
)
from techbridge.events.models import (
    Activity,
    BlockedTime,
    Event,
    ExhibitionArea,
    Meeting,
    MeetingRequest,
    MeetingSession,
    Registration,
    Room,
    ScheduleRun,
    Showcase,
    Speaker,
    Venue,
)
from techbridge.events.tasks import run_schedule
from techbridge.market.enums import ListingKind, ListingStatus
from techbridge.market.models import Listing

EVENT_SLUG = "belt-road-exchange"
ORGANISER_EMAIL = "broker@techbridge.demo"
ZONE = ZoneInfo("Asia/Shanghai")
MAX_MEETINGS_EACH = 9
MAX_MEETINGS_REMOTE = 4
TABLES = 40

Text = dict[str, str]

FORUMS: list[Text] = [
    {"en": "Intelligent manufacturing", "zh-hans": "智能制造", "hu": "Intelligens gyártás"},
    {
        "en": "Green energy and new materials",
        "zh-hans": "绿色能源与新材料",
        "hu": "Zöld energia és új anyagok",
    },
    {"en": "Life sciences and health", "zh-hans": "生命科学与健康", "hu": "Élettudományok és egészség"},
    {
        "en": "Modern agriculture and food",
        "zh-hans": "现代农业与食品",
        "hu": "Modern mezőgazdaság és élelmiszer",
    },
    {"en": "Digital economy", "zh-hans": "数字经济", "hu": "Digitális gazdaság"},
]
ROUNDTABLES: list[Text] = [
    {
        "en": "Technology transfer centres across borders",
        "zh-hans": "跨境技术转移机构",
        "hu": "Határokon átívelő technológiatranszfer",
    },
    {
        "en": "Financing cross-border innovation",
        "zh-hans": "跨境创新投融资",
        "hu": "Határokon átnyúló innováció finanszírozása",
    },
    {"en": "Young scientists' exchange", "zh-hans": "青年科学家交流", "hu": "Fiatal kutatók cseréje"},
]
AREAS: list[Text] = [
    {"en": "Advanced manufacturing", "zh-hans": "先进制造", "hu": "Fejlett gyártás"},
    {"en": "Energy and environment", "zh-hans": "能源与环境", "hu": "Energia és környezet"},
    {"en": "Health and medicine", "zh-hans": "医药健康", "hu": "Egészség és orvostudomány"},
    {"en": "Agriculture and food", "zh-hans": "农业与食品", "hu": "Mezőgazdaság és élelmiszer"},
    {"en": "Information technology", "zh-hans": "信息技术", "hu": "Információtechnológia"},
    {"en": "New materials", "zh-hans": "新材料", "hu": "Új anyagok"},
    {"en": "Transport and logistics", "zh-hans": "交通与物流", "hu": "Közlekedés és logisztika"},
    {"en": "Urban development", "zh-hans": "城市发展", "hu": "Városfejlesztés"},
]
CATEGORIES = [
    (ParticipantCategory.ENTERPRISE, 45),
    (ParticipantCategory.RESEARCHER, 20),
    (ParticipantCategory.FOREIGN_GUEST, 15),
    (ParticipantCategory.INVESTOR, 10),
    (ParticipantCategory.ACADEMICIAN, 4),
    (ParticipantCategory.GOVERNMENT, 4),
    (ParticipantCategory.PRESS, 2),
]


@dataclass(frozen=True)
class EventsDemoSize:
    participants: int = 150
    accepted: int = 500
    time_limit_s: int = 20


def _text(en: str, zh: str, hu: str) -> Text:
    return {"en": en, "zh-hans": zh, "hu": hu}


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=ZONE).astimezone(UTC)


def _first_day() -> date:
    # Four weeks from today, on a Tuesday, so the demo event is always coming up.
    start = timezone.now().astimezone(ZONE).date() + timedelta(days=28)
    return start + timedelta(days=(1 - start.weekday()) % 7)


def _event(centre: Centre, organiser: User | None, day: date) -> Event:
    event = Event.objects.create(
        slug=EVENT_SLUG,
        title=_text(
            "Belt and Road Science and Technology Exchange Conference",
            "“一带一路”科技交流大会",
            "Egy övezet, egy út tudományos és technológiai cserekonferencia",
        ),
        summary=_text(
            "Three days of forums, an exhibition of cooperation cases and B2B meetings between partners from "
            "dozens of countries.",
            "三天的论坛、合作成果展览和来自数十个国家伙伴之间的一对一洽谈。",
            "Három nap fórumokkal, együttműködési esetek kiállításával és kétoldalú találkozókkal "
            "több tucat ország partnerei között.",
        ),
        description=_text(
            "<p>Organised by the China–Hungary Technology Transfer Centre with the alliance's centres.</p>",
            "<p>由中国—匈牙利技术转移中心联合联盟各中心主办。</p>",
            "<p>A Kínai–Magyar Technológiatranszfer Központ és a szövetség központjai szervezik.</p>",
        ),
        status=EventStatus.PUBLISHED,
        shared_with_alliance=True,  # travels to the partner installations (make demo-partner)
        time_zone="Asia/Shanghai",
        languages=["en", "zh-hans", "hu"],
        starts_on=day,
        ends_on=day + timedelta(days=2),
        city="Chongqing",
        country="CN",
        registration_open=True,
        b2b_enabled=True,
        meeting_minutes=30,
        request_quota=20,
        online_meeting_url_base="https://meet.techbridge.demo/belt-road",
        created_by=organiser,
    )
    event.organising_centres.add(centre)
    return event


def _rooms(event: Event) -> dict[str, Room]:
    venue = Venue.objects.create(
        event=event,
        name=_text(
            "Chongqing International Expo Center",
            "重庆国际博览中心",
            "Csungkingi Nemzetközi Kiállítási Központ",
        ),
        address="66 Yuelai Avenue, Yubei District",
        city="Chongqing",
        country="CN",
    )
    specs = {
        "hall": (_text("Main hall", "主会场", "Nagyterem"), 1200),
        "a": (_text("Forum room A", "分论坛A厅", "A fórumterem"), 200),
        "b": (_text("Forum room B", "分论坛B厅", "B fórumterem"), 200),
        "c": (_text("Forum room C", "分论坛C厅", "C fórumterem"), 150),
        "vip": (_text("VIP room", "贵宾厅", "VIP-terem"), 60),
        "b2b": (_text("B2B meeting area", "洽谈区", "Üzletember-találkozók tere"), 300),
        "expo": (_text("Exhibition hall N1", "N1展馆", "N1 kiállítócsarnok"), 3000),
    }
    return {
        key: Room.objects.create(venue=venue, name=name, capacity=capacity)
        for key, (name, capacity) in specs.items()
    }


def _activity(  # noqa: PLR0917 - the programme below reads as rows of positional values
    event: Event, kind: str, title: Text, start: datetime, end: datetime, room: Room | None, **fields: object
) -> Activity:
    return Activity.objects.create(
        event=event,
        kind=kind,
        title=title,
        starts_at=start,
        ends_at=end,
        room=room,
        **fields,
    )


def _programme(event: Event, rooms: dict[str, Room], day: date) -> tuple[Activity, list[Activity]]:
    """The three days' programme; returns the exhibition and the two B2B sessions' items."""
    day2, day3 = day + timedelta(days=1), day + timedelta(days=2)
    stream = "https://live.techbridge.demo/belt-road"
    opening = _activity(
        event,
        ActivityKind.OPENING_CEREMONY,
        _text("Opening ceremony", "开幕式", "Megnyitó ünnepség"),
        _at(day, 9),
        _at(day, 9, 45),
        rooms["hall"],
        mode=AttendanceMode.HYBRID,
        stream_url=stream,
    )
    Speaker.objects.create(
        activity=opening,
        name="Li Na",
        role=SpeakerRole.HOST,
        affiliation=_text(
            "China–Hungary Technology Transfer Centre",
            "中国—匈牙利技术转移中心",
            "Kínai–Magyar Technológiatranszfer Központ",
        ),
    )
    plenary = _activity(
        event,
        ActivityKind.PLENARY,
        _text(
            "Plenary: science and technology cooperation along the Belt and Road",
            "全体大会：“一带一路”科技合作",
            "Plenáris ülés: tudományos és technológiai együttműködés",
        ),
        _at(day, 10),
        _at(day, 12),
        rooms["hall"],
        mode=AttendanceMode.HYBRID,
        stream_url=stream,
    )
    for order, (name, affiliation) in enumerate(
        [
            ("Prof. Zhang Wei", _text("Chongqing University", "重庆大学", "Csungkingi Egyetem")),
            (
                "Dr. Nagy Eszter",
                _text(
                    "Budapest University of Technology", "布达佩斯技术与经济大学", "Budapesti Műszaki Egyetem"
                ),
            ),
        ]
    ):
        Speaker.objects.create(activity=plenary, name=name, affiliation=affiliation, order=order)
    _activity(
        event,
        ActivityKind.MINISTERIAL_MEETING,
        _text(
            "Ministers' meeting on innovation cooperation",
            "创新合作部长会议",
            "Miniszteri találkozó az innovációs együttműködésről",
        ),
        _at(day, 14),
        _at(day, 16),
        rooms["vip"],
        capacity=60,
    )
    b2b = [
        _activity(
            event,
            ActivityKind.B2B_SESSION,
            _text(
                "B2B meetings, first session", "一对一洽谈（第一场）", "Kétoldalú találkozók, első forduló"
            ),
            _at(day, 14),
            _at(day, 18),
            rooms["b2b"],
            mode=AttendanceMode.HYBRID,
        ),
        _activity(
            event,
            ActivityKind.B2B_SESSION,
            _text(
                "B2B meetings, second session",
                "一对一洽谈（第二场）",
                "Kétoldalú találkozók, második forduló",
            ),
            _at(day2, 14),
            _at(day2, 17),
            rooms["b2b"],
            mode=AttendanceMode.HYBRID,
        ),
    ]
    forum_slots = [(day, 16, "a"), (day, 16, "b"), (day2, 9, "a"), (day2, 9, "b"), (day2, 9, "c")]
    for title, (when, hour, room) in zip(FORUMS, forum_slots, strict=True):
        forum_title = {
            code: f"{prefix}{text}"
            for (code, text), prefix in zip(
                title.items(), ("Themed forum: ", "专题论坛：", "Tematikus fórum: "), strict=True
            )
        }
        _activity(
            event,
            ActivityKind.THEMED_FORUM,
            forum_title,
            _at(when, hour),
            _at(when, hour + 2),
            rooms[room],
            mode=AttendanceMode.HYBRID,
            stream_url=stream,
        )
    for number, title in enumerate(ROUNDTABLES):
        _activity(
            event, ActivityKind.ROUNDTABLE, title, _at(day2, 11), _at(day2, 12, 30), rooms["abc"[number]]
        )
    _activity(
        event,
        ActivityKind.RESULTS_PRESENTATION,
        _text("Presentation of cooperation results", "合作成果发布", "Együttműködési eredmények bemutatása"),
        _at(day2, 9),
        _at(day2, 10, 30),
        rooms["hall"],
        mode=AttendanceMode.HYBRID,
        stream_url=stream,
    )
    exhibition = _activity(
        event,
        ActivityKind.EXHIBITION,
        _text("Exhibition of cooperation cases", "合作成果展", "Együttműködési esetek kiállítása"),
        _at(day, 9),
        _at(day2, 18),
        rooms["expo"],
    )
    _activity(
        event,
        ActivityKind.SIGNING_CEREMONY,
        _text("Signing ceremony", "签约仪式", "Aláírási ünnepség"),
        _at(day2, 17, 30),
        _at(day2, 18, 30),
        rooms["hall"],
        mode=AttendanceMode.HYBRID,
        stream_url=stream,
    )
    _activity(
        event,
        ActivityKind.SITE_VISIT,
        _text(
            "Site visit: Liangjiang New Area science park",
            "实地考察：两江新区科技园",
            "Helyszíni látogatás: Liangjiang tudományos park",
        ),
        _at(day3, 9),
        _at(day3, 16),
        None,
        capacity=80,
    )
    return exhibition, b2b


def _exhibition(rng: random.Random, event: Event, activity: Activity) -> None:
    offers = list(
        Listing.objects.filter(kind=ListingKind.OFFER, status=ListingStatus.PUBLISHED).order_by("pk")[:400]
    )
    rng.shuffle(offers)
    for order, name in enumerate(AREAS):
        area = ExhibitionArea.objects.create(event=event, name=name, activity=activity, order=order)
        for number, listing in enumerate(offers[order * 10 : order * 10 + 10]):
            Showcase.objects.create(area=area, listing=listing, order=number)


NAMED_PARTICIPANTS = ("engineer@techbridge.demo", "expert@techbridge.demo", "research.office@techbridge.demo")


def _participants(rng: random.Random, event: Event, count: int) -> list[Registration]:
    organisations = list(Organisation.objects.order_by("pk"))
    hungarian = [o for o in organisations if o.country == "HU"] or organisations
    categories = [c for c, _w in CATEGORIES]
    weights = [w for _c, w in CATEGORIES]
    registrations = []
    # The demo's named logins take part too, so signing in as one of them shows an agenda.
    named = list(User.objects.filter(email__in=NAMED_PARTICIPANTS).order_by("email"))
    for number in range(count):
        remote = number % 8 == 7  # one in eight joins online from Budapest
        organisation = rng.choice(hungarian if remote else organisations)
        if number < len(named):
            user = named[number]
            membership = user.memberships.select_related("organisation").first()
            person = getattr(user, "person", None)
            if membership is not None:
                organisation = membership.organisation
            elif person is not None and person.organisation is not None:
                organisation = person.organisation
        else:
            user = User.objects.create_user(
                f"participant{number + 1:03d}@techbridge.demo",
                DEMO_PASSWORD,
                display_name=builders.person_name(rng, organisation.country),
                preferred_language={"CN": "zh-hans", "HU": "hu"}.get(organisation.country, "en"),
                email_confirmed_at=timezone.now(),
            )
        country = organisation.country
        registrations.append(
            Registration.objects.create(
                event=event,
                user=user,
                organisation=organisation,
                category=rng.choices(categories, weights)[0],
                status=RegistrationStatus.APPROVED,
                country=country,
                decided_at=timezone.now(),
                b2b=True,
                b2b_profile={
                    "en": f"{organisation.name.get('en', '')}: partners for joint projects and licensing."
                },
                remote=remote,
                time_zone="Europe/Budapest" if remote else "",
                work_day_start=time(8),
                work_day_end=time(18),
            )
        )
    return registrations


def _availability(rng: random.Random, event: Event, sessions: list[MeetingSession]) -> None:
    """A few participants attend one session only or leave early, where their meetings still fit."""
    meetings: dict[int, int] = {}
    for meeting in Meeting.objects.filter(event=event):
        for party in (meeting.first_id, meeting.second_id):
            meetings[party] = meetings.get(party, 0) + 1
    for registration in Registration.objects.filter(event=event, remote=False).order_by("pk"):
        count = meetings.get(registration.pk, 0)
        session = rng.choice(sessions)
        if rng.random() < 0.1 and count <= session.slots - 2:
            registration.b2b_sessions.add(session)
        elif rng.random() < 0.05 and count <= 8:  # leaves the first session an hour early
            end = sessions[0].starts_at + timedelta(hours=4)
            BlockedTime.objects.create(
                registration=registration, starts_at=end - timedelta(hours=1), ends_at=end
            )


def _listing_of(rng: random.Random, registration: Registration, listings: dict[int, list[int]]) -> int | None:
    owned = listings.get(registration.organisation_id or 0, [])
    return rng.choice(owned) if owned else None


def _requests(rng: random.Random, event: Event, people: list[Registration], accepted: int) -> int:
    listings: dict[int, list[int]] = {}
    for pk, owner in Listing.objects.filter(status=ListingStatus.PUBLISHED).values_list(
        "pk", "owner_organisation_id"
    ):
        listings.setdefault(owner, []).append(pk)
    degree = {r.pk: 0 for r in people}
    pairs: set[tuple[int, int]] = set()
    now = timezone.now()
    made = 0
    wanted = accepted + accepted // 8 + accepted // 10
    for _attempt in range(wanted * 20):
        if made >= wanted:
            break
        requester, recipient = rng.sample(people, 2)
        pair = (min(requester.pk, recipient.pk), max(requester.pk, recipient.pk))
        if pair in pairs or (requester.remote and recipient.remote):
            continue
        limit = [MAX_MEETINGS_REMOTE if r.remote else MAX_MEETINGS_EACH for r in (requester, recipient)]
        if degree[requester.pk] >= limit[0] or degree[recipient.pk] >= limit[1]:
            continue
        status = (
            MeetingRequestStatus.ACCEPTED
            if made < accepted
            else rng.choice([MeetingRequestStatus.SENT, MeetingRequestStatus.DECLINED])
        )
        created = now - timedelta(days=rng.randint(1, 12), minutes=rng.randint(0, 600))
        request = MeetingRequest.objects.create(
            event=event,
            requester=requester,
            recipient=recipient,
            listing_id=_listing_of(rng, recipient, listings),
            message="We would like to discuss a cooperation on your technology.",
            status=status,
            created_at=created,
            expires_at=created + timedelta(days=event.request_expiry_days),
            responded_at=None if status == MeetingRequestStatus.SENT else created + timedelta(days=1),
        )
        pairs.add(pair)
        made += 1
        if status == MeetingRequestStatus.ACCEPTED:
            Meeting.objects.create(event=event, request=request, first=requester, second=recipient)
            degree[requester.pk] += 1
            degree[recipient.pk] += 1
    return Meeting.objects.filter(event=event).count()


def _schedule(event: Event, organiser: User | None, *, seed: int, time_limit_s: int) -> ScheduleRun:
    run = ScheduleRun.objects.create(
        event=event, time_limit_s=time_limit_s, created_by=organiser, created_at=timezone.now()
    )
    run_schedule.call(run_id=run.pk, seed=seed)
    run.refresh_from_db()
    if run.status == ScheduleRunStatus.FINISHED:
        do_publish_run(run=run, by=organiser, now=timezone.now(), notify_participants=False)
        run.refresh_from_db()
    return run


def do_clear_events() -> None:
    with transaction.atomic():
        Event.objects.all().delete()
        User.objects.filter(email__startswith="participant", email__endswith="@techbridge.demo").delete()


def do_build_events_demo(*, seed: int, size: EventsDemoSize | None = None) -> list[str]:
    size = size or EventsDemoSize()
    rng = random.Random(seed)  # noqa: S311 - demo content, not security
    centre = Centre.objects.filter(slug="cq-hu").first()
    if centre is None:
        return ["No China–Hungary centre in the directory: no demo event."]
    organiser = User.objects.filter(email=ORGANISER_EMAIL).first()
    day = _first_day()
    with transaction.atomic():
        event = _event(centre, organiser, day)
        exhibition, b2b = _programme(event, _rooms(event), day)
        _exhibition(rng, event, exhibition)
        sessions = [
            MeetingSession.objects.create(
                event=event, activity=b2b[0], starts_at=_at(day, 14), slots=8, tables=TABLES
            ),
            MeetingSession.objects.create(
                event=event,
                activity=b2b[1],
                starts_at=_at(day + timedelta(days=1), 14),
                slots=6,
                tables=TABLES,
            ),
        ]
        people = _participants(rng, event, size.participants)
        meetings = _requests(rng, event, people, size.accepted)
        _availability(rng, event, sessions)
    run = _schedule(event, organiser, seed=seed, time_limit_s=size.time_limit_s)
    figures = run.figures
    return [
        (
            f"Built the demo event “{event.title['en']}” (/events/{event.slug}/): {len(people)} participants, "
            f"{meetings} accepted meetings, {Activity.objects.filter(event=event).count()} programme items."
        ),
        (
            f"Scheduled {figures.get('scheduled')} of {figures.get('meetings')} meetings in {figures.get('wall_s')} s "
            f"({figures.get('breaks')} breaks, {figures.get('violations')} violations); run {run.status}."
        ),
        (
            f"Event organiser: {ORGANISER_EMAIL} (schedule at /events/{event.slug}/schedule/); "
            f"participants {', '.join(NAMED_PARTICIPANTS)}, participant004@techbridge.demo … "
            f"(password {DEMO_PASSWORD})."
        ),
    ]
