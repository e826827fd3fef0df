"""Country and language names in the reader's language, from the ISO catalogues pycountry ships."""

from __future__ import annotations

import gettext
from functools import cache

import pycountry
from django.utils import translation

_PYCOUNTRY_LOCALE = {"zh-hans": "zh_CN", "hu": "hu"}

# ISO 639-1 codes of the languages people list on their profiles.
SPOKEN_LANGUAGES: frozenset[str] = frozenset(
    language.alpha_2 for language in pycountry.languages if getattr(language, "alpha_2", None)
)


@cache
def _catalogue(domain: str, locale: str) -> gettext.NullTranslations:
    try:
        return gettext.translation(domain, pycountry.LOCALES_DIR, languages=[locale])
    except OSError:
        return gettext.NullTranslations()


def _translate(domain: str, english: str) -> str:
    locale = _PYCOUNTRY_LOCALE.get(translation.get_language() or "en")
    return _catalogue(domain, locale).gettext(english) if locale else english


def country_name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code) if code else None
    return _translate("iso3166-1", country.name) if country else code


def country_choices() -> list[tuple[str, str]]:
    return sorted(
        ((country.alpha_2, _translate("iso3166-1", country.name)) for country in pycountry.countries),
        key=lambda item: item[1],
    )


def language_name(code: str) -> str:
    """An ISO 639-1 code, or a language tag such as the interface's "zh-hans", as a name in the reader's
    language (the script subtag does not change the language's name)."""
    base = code.split("-", 1)[0].split("_", 1)[0].lower() if code else ""
    language = pycountry.languages.get(alpha_2=base) if base else None
    # Some translations list synonyms ("中文; 汉语; 华语"): the first is the common name.
    return _translate("iso639-3", language.name).split(";", 1)[0].strip() if language else code


def language_choices() -> list[tuple[str, str]]:
    return sorted(((code, language_name(code)) for code in SPOKEN_LANGUAGES), key=lambda item: item[1])
