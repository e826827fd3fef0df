"""Country and language names in the reader's language, from the ISO catalogues pycountry ships."""

from __future__ import annotations

import gettext
import re
import unicodedata
from functools import cache

import pycountry
from django.utils import translation
from pypinyin import Style, lazy_pinyin

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


# Hungarian letters in alphabetical order; digraphs and trigraphs are letters of their own
# ("Csád" after "Chile"), long and short vowels differ only when all else is equal.
_HUNGARIAN_LETTERS = [
    "a",
    "b",
    "c",
    "cs",
    "d",
    "dz",
    "dzs",
    "e",
    "f",
    "g",
    "gy",
    "h",
    "i",
    "j",
    "k",
    "l",
    "ly",
    "m",
    "n",
    "ny",
    "o",
    "ö",
    "p",
    "q",
    "r",
    "s",
    "sz",
    "t",
    "ty",
    "u",
    "ü",
    "v",
    "w",
    "x",
    "y",
    "z",
    "zs",
]
_HUNGARIAN_RANK = {letter: rank for rank, letter in enumerate(_HUNGARIAN_LETTERS)}
_HUNGARIAN_TOKEN = re.compile(
    "|".join(sorted(map(re.escape, _HUNGARIAN_LETTERS), key=len, reverse=True)) + "|."
)
_HUNGARIAN_SHORT = str.maketrans("áéíóőúű", "aeioöuü")


def _hungarian_rank(token: str) -> int:
    if token in _HUNGARIAN_RANK:
        return _HUNGARIAN_RANK[token]
    return 100 + ord(token) if token.isalnum() else -1  # spaces and hyphens before any letter


def _plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


def collation_key(text: str, language: str | None = None) -> tuple[object, ...]:
    """Sort key of a name for readers of `language` (default: the active one): pinyin order in
    Chinese, the Hungarian alphabet in Hungarian, accents ignored in English."""
    language = language or translation.get_language() or "en"
    if language.startswith("zh"):
        syllables = lazy_pinyin(text, style=Style.TONE3, errors="default")
        return tuple((_plain(s.rstrip("12345")), s[-1] if s[-1:].isdigit() else "0") for s in syllables), text
    if language == "hu":
        short = text.casefold().translate(_HUNGARIAN_SHORT)
        ranks = tuple(_hungarian_rank(token) for token in _HUNGARIAN_TOKEN.findall(short))
        return ranks, text.casefold(), text
    return _plain(text), text


def country_choices() -> list[tuple[str, str]]:
    """Every country, named and sorted for the reader (pinyin order in Chinese)."""
    return sorted(
        ((country.alpha_2, _translate("iso3166-1", country.name)) for country in pycountry.countries),
        key=lambda item: collation_key(item[1]),
    )


def language_name(code: str) -> str:
    """An ISO 639-1 code, or a language tag such as the interface's "zh-hans", as a name in the reader's
    language (the script subtag does not change the language's name)."""
    base = code.split("-", 1)[0].split("_", 1)[0].lower() if code else ""
    language = pycountry.languages.get(alpha_2=base) if base else None
    # Some translations list synonyms ("中文; 汉语; 华语"): the first is the common name.
    return _translate("iso639-3", language.name).split(";", 1)[0].strip() if language else code


def language_choices() -> list[tuple[str, str]]:
    return sorted(
        ((code, language_name(code)) for code in SPOKEN_LANGUAGES), key=lambda item: collation_key(item[1])
    )
