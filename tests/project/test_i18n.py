"""Three languages everywhere: complete catalogues, localised pages, content shown with a fallback."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from django.test import Client
from django.utils import translation

from factories import make_organisation
from techbridge.common.multilingual import localize

LOCALE = Path(__file__).resolve().parents[2] / "src" / "techbridge" / "locale"


@pytest.mark.parametrize("language", ["zh_Hans", "hu"])
def test_every_interface_string_is_translated(language: str) -> None:
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))

    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]

    assert (untranslated, fuzzy) == ([], [])
    assert len(catalogue) > 150


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("en", "An integrated technology trade market for the alliance"),
        ("zh-hans", "联盟"),
        ("hu", "szövetség"),
    ],
)
def test_home_page_speaks_the_readers_language(db: None, language: str, heading: str) -> None:
    client = Client()
    client.post("/i18n/setlang/", {"language": language})

    page = client.get("/").content.decode()

    assert f'<html lang="{language}">' in page
    assert heading in page.split("<h1>", 1)[1].split("</h1>", 1)[0]


def test_content_falls_back_to_english_then_any_language(db: None) -> None:
    both = {"en": "Battery Lab", "zh-hans": "电池实验室"}
    chinese_only = {"zh-hans": "电池实验室"}

    assert str(localize(both, "hu")) == "Battery Lab"
    assert str(localize(both, "zh-hans")) == "电池实验室"
    assert localize(chinese_only, "hu").is_fallback is True
    assert str(localize(chinese_only, "en")) == "电池实验室"


def test_organisation_page_shows_content_in_the_readers_language(db: None) -> None:
    organisation = make_organisation(
        name={"en": "University of Pécs", "zh-hans": "佩奇大学", "hu": "Pécsi Tudományegyetem"}
    )

    chinese = Client(headers={"Accept-Language": "zh-hans"}).get(
        f"/directory/organisations/{organisation.pk}/"
    )

    assert "<h1>佩奇大学" in chinese.content.decode()


def test_country_names_are_localised(db: None) -> None:
    make_organisation(country="HU")

    with translation.override("zh-hans"):
        page = (
            Client(headers={"Accept-Language": "zh-hans"}).get("/directory/organisations/").content.decode()
        )

    assert "匈牙利" in page


def test_numbers_are_localised(db: None) -> None:
    for _ in range(3):
        make_organisation()
    from django.template import Context, Template

    with translation.override("hu"):
        rendered = Template("{% load humanize %}{{ value|intcomma }}").render(Context({"value": 1234567}))

    assert rendered == "1\xa0234\xa0567"
