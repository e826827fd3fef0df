"""Believable demo content for the directory: one alliance, its centres, ~200 organisations, ~300 people.

Everything is drawn from one seeded random generator, so the same seed gives the same data.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from techbridge.directory.enums import Mobility, OrganisationKind, ProfileVisibility, QualificationRecognition

DATA_DIR = Path(__file__).resolve().parent / "data"
ALLIANCE_CITIES = {
    "Chongqing": "cq-hu",
    "Chengdu": "sichuan",
    "Mianyang": "sichuan",
    "Guiyang": "guizhou",
    "Zunyi": "guizhou",
}


def load(name: str) -> Any:
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Place:
    country: str
    en: str
    zh: str
    hu: str
    region: str


@dataclass(frozen=True)
class Topic:
    en: str
    zh: str
    hu: str
    field_code: str
    industry_code: str


def places() -> list[Place]:
    return [Place(*row) for row in load("places.json")]


def topics() -> list[Topic]:
    return [Topic(*row) for row in load("topics.json")]


def hungarian_adjective(city: str) -> str:
    """Budapest → budapesti, Torino → torinói: the -i suffix Hungarian names of institutions use."""
    lengthened = {"a": "á", "e": "é", "o": "ó"}
    last = city[-1]
    if last == "i":
        return city
    return city[:-1] + lengthened[last] + "i" if last in lengthened else city + "i"


def organisation_name(rng: random.Random, kind: str, place: Place, topic: Topic) -> dict[str, str]:
    brand_en, brand_zh = rng.choice(load_names()["brands"])
    c_adj = hungarian_adjective(place.hu)
    patterns: dict[str, list[tuple[str, str, str]]] = {
        OrganisationKind.UNIVERSITY: [
            ("{c} University of Technology", "{cz}理工大学", "{ca} Műszaki Egyetem"),
            ("University of {c}", "{cz}大学", "{ca} Tudományegyetem"),
            ("{c} Medical University", "{cz}医科大学", "{ca} Orvostudományi Egyetem"),
            ("{c} Agricultural University", "{cz}农业大学", "{ca} Agrártudományi Egyetem"),
        ],
        OrganisationKind.RESEARCH_INSTITUTE: [
            ("{c} Institute of {T}", "{cz}{tz}研究院", "{ca} {th} kutatóintézet"),
            (
                "{c} Academy of Sciences, {T} Laboratory",
                "{cz}科学院{tz}实验室",
                "{ca} Tudományos Akadémia, {th} laboratórium",
            ),
        ],
        OrganisationKind.ENTERPRISE: [
            ("{b} {T} Co., Ltd.", "{bz}{tz}有限公司", "{b} {th} Kft."),
            ("{b} Technologies", "{bz}科技股份有限公司", "{b} Technológiai Zrt."),
        ],
        OrganisationKind.GOVERNMENT: [
            (
                "{c} Science and Technology Bureau",
                "{cz}科学技术局",
                "{ca} Tudományos és Technológiai Hivatal",
            ),
        ],
        OrganisationKind.INVESTOR: [
            ("{b} Capital", "{bz}资本", "{b} Tőkebefektető Zrt."),
            ("{c} Innovation Fund", "{cz}创新基金", "{ca} Innovációs Alap"),
        ],
        OrganisationKind.TRANSFER_CENTRE: [
            ("{c} Technology Transfer Office", "{cz}技术转移中心", "{ca} Technológiatranszfer Iroda"),
        ],
        OrganisationKind.SERVICE_PROVIDER: [
            (
                "{b} Intellectual Property Services",
                "{bz}知识产权服务有限公司",
                "{b} Szellemitulajdon-szolgáltató Kft.",
            ),
            ("{b} Testing and Certification", "{bz}检测认证有限公司", "{b} Vizsgáló és Tanúsító Kft."),
        ],
        OrganisationKind.INTERNATIONAL: [
            (
                "International Science Partnership Office, {c}",
                "{cz}国际科技合作办公室",
                "Nemzetközi Tudományos Együttműködési Iroda, {ch}",
            ),
        ],
    }
    en, zh, hu = rng.choice(patterns[kind])
    values = {
        "c": place.en,
        "cz": place.zh,
        "ca": c_adj,
        "ch": place.hu,
        "b": brand_en,
        "bz": brand_zh,
        "T": topic.en.title(),
        "tz": topic.zh,
        "th": topic.hu,
    }
    return {"en": en.format(**values), "zh-hans": zh.format(**values), "hu": hu.format(**values)}


def organisation_description(name: dict[str, str], first: Topic, second: Topic) -> dict[str, str]:
    return {
        "en": (
            f"<p>{name['en']} works on <strong>{first.en}</strong> and {second.en}. "
            "It looks for partners for joint development, licensing and pilot projects.</p>"
        ),
        "zh-hans": (
            f"<p>{name['zh-hans']}专注于<strong>{first.zh}</strong>和{second.zh}领域，"
            "寻求联合开发、技术许可和中试项目的合作伙伴。</p>"
        ),
        "hu": (
            f"<p>A(z) {name['hu']} fő területe: <strong>{first.hu}</strong> és {second.hu}. "
            "Partnereket keres közös fejlesztéshez, licencbe adáshoz és kísérleti projektekhez.</p>"
        ),
    }


def keep_languages(rng: random.Random, texts: dict[str, str], country: str) -> dict[str, str]:
    """Most content exists in all three languages; some only in one or two, to show the fallback."""
    draw = rng.random()
    if draw < 0.7:
        return texts
    if draw < 0.85:
        return {code: texts[code] for code in ("en", "zh-hans")}
    if draw < 0.95:
        return {"zh-hans": texts["zh-hans"]} if country == "CN" else {"en": texts["en"]}
    return {code: texts[code] for code in ("en", "hu")}


_NAMES: dict[str, Any] = {}


def load_names() -> dict[str, Any]:
    if not _NAMES:
        _NAMES.update(load("names.json"))
    return _NAMES


def person_name(rng: random.Random, country: str) -> str:
    names = load_names()
    if country == "CN":
        family = rng.choice(names["chinese_family"])
        given = rng.choice(names["chinese_given"])
        return f"{family[1]}{given[1]} ({family[0]} {given[0]})"
    if country == "HU":
        return f"{rng.choice(names['hungarian_family'])} {rng.choice(names['hungarian_given'])}"
    return f"{rng.choice(names['international_given'])} {rng.choice(names['international_family'])}"


POSITIONS = [
    {"en": "Professor", "zh-hans": "教授", "hu": "egyetemi tanár"},
    {"en": "Technology transfer manager", "zh-hans": "技术转移经理", "hu": "technológiatranszfer-menedzser"},
    {"en": "R&D director", "zh-hans": "研发总监", "hu": "K+F igazgató"},
    {"en": "Investment manager", "zh-hans": "投资经理", "hu": "befektetési menedzser"},
    {"en": "Senior researcher", "zh-hans": "高级研究员", "hu": "tudományos főmunkatárs"},
    {"en": "Chief executive officer", "zh-hans": "首席执行官", "hu": "vezérigazgató"},
    {"en": "Policy officer", "zh-hans": "政策专员", "hu": "szakpolitikai referens"},
    {"en": "Patent attorney", "zh-hans": "专利代理师", "hu": "szabadalmi ügyvivő"},
]

COUNTRY_LANGUAGES = {
    "CN": ["zh", "en"],
    "HU": ["hu", "en"],
    "DE": ["de", "en"],
    "AT": ["de", "en"],
    "CZ": ["cs", "en"],
    "PL": ["pl", "en"],
    "SK": ["sk", "hu", "en"],
    "RS": ["sr", "en"],
    "RO": ["ro", "hu", "en"],
    "IT": ["it", "en"],
    "FR": ["fr", "en"],
    "ES": ["es", "en"],
    "RU": ["ru", "en"],
    "KZ": ["kk", "ru", "en"],
    "JP": ["ja", "en"],
    "KR": ["ko", "en"],
    "VN": ["vi", "en"],
    "BR": ["pt", "en"],
    "PT": ["pt", "en"],
    "TR": ["tr", "en"],
}


def expert_texts(topic: Topic, years: int) -> tuple[dict[str, str], dict[str, str]]:
    expertise = {
        "en": f"Expert in {topic.en}: feasibility studies, technology due diligence and pilot-line design.",
        "zh-hans": f"{topic.zh}领域专家：可行性研究、技术尽职调查和中试线设计。",
        "hu": f"{topic.hu} szakértő: megvalósíthatósági tanulmányok, technológiai átvilágítás és kísérleti gyártósorok tervezése.",
    }
    qualifications = {
        "en": f"PhD; {years} years of experience in industry-university-research cooperation.",
        "zh-hans": f"博士；{years}年产学研合作经验。",
        "hu": f"PhD; {years} év tapasztalat az ipar–egyetem–kutatás együttműködésben.",
    }
    return expertise, qualifications


def pick_visibility(rng: random.Random) -> str:
    return rng.choices(
        [ProfileVisibility.PUBLIC, ProfileVisibility.MEMBERS, ProfileVisibility.PRIVATE], weights=[6, 3, 1]
    )[0]


def pick_mobility(rng: random.Random) -> str:
    return rng.choice(list(Mobility))


def pick_recognition(rng: random.Random) -> str:
    return rng.choice(list(QualificationRecognition))
