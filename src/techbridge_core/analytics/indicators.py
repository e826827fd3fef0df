"""Every indicator the platform reports, with its names, unit, what counts and the date that
places a record in a year or month (e.g. a project counts as implemented in the year of its
implemented date, whenever it was signed).

Names and definitions carry the three interface languages so that the report's methods note, the
dashboards and the API say exactly the same thing in each.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

LANGUAGES = ("en", "zh-hans", "hu")


class Unit(StrEnum):
    COUNT = "count"
    AMOUNT = "amount"  # money, summed per currency
    HOURS = "hours"


class IndicatorGroup(StrEnum):
    FUNNEL = "funnel"
    EVENTS = "events"
    INSTRUMENTS = "instruments"
    EXPERTS = "experts"


@dataclass(frozen=True, kw_only=True)
class Text:
    en: str
    zh_hans: str
    hu: str

    def in_language(self, language: str) -> str:
        """The text in `language` (a Django language code); English for any other."""
        return {"zh-hans": self.zh_hans, "hu": self.hu}.get(language.lower(), self.en)


@dataclass(frozen=True, kw_only=True)
class Indicator:
    code: str
    group: IndicatorGroup
    unit: Unit
    name: Text
    counts: Text  # what is counted
    dated_by: Text  # which date places a record in a period
    confidential_values: bool = False  # amounts that parties may mark confidential


def _t(en: str, zh_hans: str, hu: str) -> Text:
    return Text(en=en, zh_hans=zh_hans, hu=hu)


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        code="listings_published",
        group=IndicatorGroup.FUNNEL,
        unit=Unit.COUNT,
        name=_t("Listings published", "发布的供需信息", "Közzétett hirdetések"),
        counts=_t(
            "Technology offers, demands, R&D cooperation requests, capital, expertise and service offers "
            "that were published by a broker.",
            "经技术经纪人审核发布的技术成果、技术需求、研发合作、资本、专家和服务信息。",
            "Technológiai brókerek által közzétett technológiai ajánlatok, igények, K+F együttműködési "
            "kérések, tőke-, szakértői és szolgáltatási ajánlatok.",
        ),
        dated_by=_t("The date of first publication.", "首次发布日期。", "Az első közzététel dátuma."),
    ),
    Indicator(
        code="eois",
        group=IndicatorGroup.FUNNEL,
        unit=Unit.COUNT,
        name=_t("Expressions of interest", "合作意向", "Érdeklődések"),
        counts=_t(
            "Expressions of interest sent on a listing, withdrawn ones excluded.",
            "针对供需信息提交的合作意向（不含已撤回的）。",
            "Hirdetésekre küldött érdeklődések, a visszavontak nélkül.",
        ),
        dated_by=_t("The date it was sent.", "提交日期。", "Az elküldés dátuma."),
    ),
    Indicator(
        code="meetings_held",
        group=IndicatorGroup.FUNNEL,
        unit=Unit.COUNT,
        name=_t("B2B meetings held", "举行的B2B洽谈", "Megtartott B2B találkozók"),
        counts=_t(
            "Scheduled B2B meetings whose time has passed and for which no side reported a no-show.",
            "已到时间且双方均未报告缺席的已排定B2B洽谈。",
            "Beütemezett B2B találkozók, amelyek ideje elmúlt, és egyik fél sem jelentett távolmaradást.",
        ),
        dated_by=_t("The meeting's start.", "洽谈开始时间。", "A találkozó kezdete."),
    ),
    Indicator(
        code="cases_opened",
        group=IndicatorGroup.FUNNEL,
        unit=Unit.COUNT,
        name=_t("Cooperation cases opened", "启动的合作项目洽谈", "Megnyitott együttműködési ügyek"),
        counts=_t(
            "Cooperation cases a broker follows, whatever their stage now.",
            "技术经纪人跟进的合作洽谈，不论当前阶段。",
            "A brókerek által követett együttműködési ügyek, jelenlegi szakaszuktól függetlenül.",
        ),
        dated_by=_t("The date the case was opened.", "洽谈启动日期。", "Az ügy megnyitásának dátuma."),
    ),
    Indicator(
        code="agreements_signed",
        group=IndicatorGroup.FUNNEL,
        unit=Unit.COUNT,
        name=_t("Agreements signed", "签署的协议", "Aláírt megállapodások"),
        counts=_t(
            "MoUs, framework and cooperation agreements, licences and technology contracts signed by "
            "every party.",
            "各方均已签署的合作备忘录、框架协议、合作协议、许可协议和技术合同。",
            "Minden fél által aláírt egyetértési nyilatkozatok, keret- és együttműködési megállapodások, "
            "licencek és technológiai szerződések.",
        ),
        dated_by=_t("The date of signing.", "签署日期。", "Az aláírás dátuma."),
    ),
    Indicator(
        code="mous_signed",
        group=IndicatorGroup.FUNNEL,
        unit=Unit.COUNT,
        name=_t("MoUs signed", "签署的合作备忘录", "Aláírt egyetértési nyilatkozatok"),
        counts=_t(
            "Memoranda of understanding signed by every party.",
            "各方均已签署的合作备忘录。",
            "Minden fél által aláírt egyetértési nyilatkozatok.",
        ),
        dated_by=_t("The date of signing.", "签署日期。", "Az aláírás dátuma."),
    ),
    Indicator(
        code="technology_contracts",
        group=IndicatorGroup.FUNNEL,
        unit=Unit.COUNT,
        name=_t("Technology contracts signed", "签订的技术合同", "Aláírt technológiai szerződések"),
        counts=_t(
            "Technology development, transfer and licensing, consulting and service contracts signed "
            "by every party.",
            "各方均已签署的技术开发、技术转让与许可、技术咨询和技术服务合同。",
            "Minden fél által aláírt technológiafejlesztési, -átadási és licenc-, tanácsadási és "
            "szolgáltatási szerződések.",
        ),
        dated_by=_t("The date of signing.", "签署日期。", "Az aláírás dátuma."),
    ),
    Indicator(
        code="technology_contract_value",
        group=IndicatorGroup.FUNNEL,
        unit=Unit.AMOUNT,
        name=_t("Value of technology contracts", "技术合同成交额", "Technológiai szerződések értéke"),
        counts=_t(
            "The total amount of signed technology contracts, per currency; amounts marked "
            "confidential are left out of every figure below the alliance total.",
            "已签署技术合同的总金额（按币种）；标记为保密的金额不计入联盟总数以下的任何数字。",
            "Az aláírt technológiai szerződések teljes összege pénznemenként; a bizalmasnak jelölt "
            "összegek a szövetségi összesítő alatti számokban nem szerepelnek.",
        ),
        dated_by=_t("The date of signing.", "签署日期。", "Az aláírás dátuma."),
        confidential_values=True,
    ),
    Indicator(
        code="projects_signed",
        group=IndicatorGroup.FUNNEL,
        unit=Unit.COUNT,
        name=_t("Projects signed", "签约项目", "Aláírt projektek"),
        counts=_t(
            "Cooperation projects created from a signed agreement, abandoned ones included.",
            "根据已签署协议建立的合作项目（含已终止的）。",
            "Aláírt megállapodásból létrehozott együttműködési projektek, a megszakítottakat is beleértve.",
        ),
        dated_by=_t("The project's signing date.", "项目签约日期。", "A projekt aláírásának dátuma."),
    ),
    Indicator(
        code="implemented",
        group=IndicatorGroup.FUNNEL,
        unit=Unit.COUNT,
        name=_t("Projects implemented", "落地实施项目", "Megvalósított projektek"),
        counts=_t(
            "Projects that reached the implemented stage (completed ones included).",
            "达到落地实施阶段的项目（含已完成的）。",
            "A megvalósítás szakaszát elért projektek (a lezártakat is beleértve).",
        ),
        dated_by=_t(
            "The project's implemented date: a project counts in the year it was implemented, whenever "
            "it was signed.",
            "项目落地日期：项目计入其落地当年，不论何时签约。",
            "A projekt megvalósításának dátuma: a projekt abban az évben számít, amikor megvalósult, "
            "bármikor írták is alá.",
        ),
    ),
    Indicator(
        code="events_held",
        group=IndicatorGroup.EVENTS,
        unit=Unit.COUNT,
        name=_t("Events held", "举办的活动", "Megtartott rendezvények"),
        counts=_t(
            "Published exchange conferences and brokerage events that have started.",
            "已发布并已开始的交流会和对接活动。",
            "Közzétett és már megkezdődött tudáscsere-konferenciák és partnerkereső rendezvények.",
        ),
        dated_by=_t("The event's first day.", "活动首日。", "A rendezvény első napja."),
    ),
    Indicator(
        code="participants",
        group=IndicatorGroup.EVENTS,
        unit=Unit.COUNT,
        name=_t("Participants", "参会人数", "Résztvevők"),
        counts=_t(
            "Approved registrations to events held.",
            "已举办活动的已批准注册。",
            "A megtartott rendezvények jóváhagyott regisztrációi.",
        ),
        dated_by=_t("The event's first day.", "活动首日。", "A rendezvény első napja."),
    ),
    Indicator(
        code="participant_countries",
        group=IndicatorGroup.EVENTS,
        unit=Unit.COUNT,
        name=_t("Countries of participants", "参会国家数", "A résztvevők országai"),
        counts=_t(
            "Distinct countries of the participants' organisations.",
            "参会者所属机构的不同国家数。",
            "A résztvevők szervezeteinek különböző országai.",
        ),
        dated_by=_t("The event's first day.", "活动首日。", "A rendezvény első napja."),
    ),
    Indicator(
        code="achievements_showcased",
        group=IndicatorGroup.EVENTS,
        unit=Unit.COUNT,
        name=_t("Achievements showcased", "展示的科技成果", "Bemutatott eredmények"),
        counts=_t(
            "Technology offers shown at an exhibition booth of an event held.",
            "在已举办活动展位上展示的技术成果。",
            "Megtartott rendezvények kiállítási standjain bemutatott technológiai ajánlatok.",
        ),
        dated_by=_t("The event's first day.", "活动首日。", "A rendezvény első napja."),
    ),
    Indicator(
        code="external_hours_booked",
        group=IndicatorGroup.INSTRUMENTS,
        unit=Unit.HOURS,
        name=_t(
            "Instrument hours booked by other institutions",
            "外单位预约的仪器机时",
            "Más intézmények által foglalt műszerórák",
        ),
        counts=_t(
            "Confirmed booking hours of users from organisations other than the facility's own.",
            "非仪器所属单位用户的已确认预约机时。",
            "A műszer saját intézményén kívüli felhasználók jóváhagyott foglalási órái.",
        ),
        dated_by=_t("The booking's start.", "预约开始时间。", "A foglalás kezdete."),
    ),
    Indicator(
        code="instruments_shared",
        group=IndicatorGroup.INSTRUMENTS,
        unit=Unit.COUNT,
        name=_t("Instruments shared", "共享仪器数", "Megosztott műszerek"),
        counts=_t(
            "Instruments booked at least once by another institution.",
            "至少被外单位预约一次的仪器。",
            "Legalább egyszer más intézmény által foglalt műszerek.",
        ),
        dated_by=_t("The booking's start.", "预约开始时间。", "A foglalás kezdete."),
    ),
    Indicator(
        code="expert_profiles",
        group=IndicatorGroup.EXPERTS,
        unit=Unit.COUNT,
        name=_t("Expert profiles", "专家档案", "Szakértői profilok"),
        counts=_t(
            "People with an expert profile in the directory.",
            "名录中有专家档案的人员。",
            "A címtárban szakértői profillal rendelkező személyek.",
        ),
        dated_by=_t(
            "The profile's creation date.",
            "档案创建日期。",
            "A profil létrehozásának dátuma.",
        ),
    ),
)

FUNNEL: tuple[str, ...] = (
    "listings_published",
    "eois",
    "meetings_held",
    "cases_opened",
    "agreements_signed",
    "projects_signed",
    "implemented",
)
"""The cooperation funnel, from the first listing to the implemented project."""

_BY_CODE = {item.code: item for item in INDICATORS}


def indicator(code: str) -> Indicator:
    """The indicator named `code`; KeyError names the known ones."""
    try:
        return _BY_CODE[code]
    except KeyError:
        raise KeyError(f"unknown indicator {code!r}; known: {', '.join(_BY_CODE)}") from None
