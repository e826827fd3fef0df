"""Quality checks that help a broker review a listing: they flag, the broker decides.

Each check returns labelled issues (code, field, evidence) the review page can show and
translate; none of them refuses a listing by itself.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from techbridge_core.market.shingles import fold, words
from techbridge_core.market.wording import (
    GENERIC_HAN_PHRASES,
    GENERIC_WORDS,
    SUPERLATIVE_HAN_PHRASES,
    SUPERLATIVES_WORDS,
)

COMMON_REQUIRED = ("title", "summary", "description", "technology_fields", "partnership_types")
REQUIRED_BY_KIND: Mapping[str, tuple[str, ...]] = {
    "offer": ("stage", "trl", "ipr_status", "advantages"),
    "demand": ("technical_specification", "deadline"),
    "rd_cooperation": ("programme", "call_id", "call_deadline"),
    "capital": ("ticket_max", "investment_stages"),
    "expertise": ("service_kind",),
    "service": ("service_kind",),
}
MIN_TITLE_WORDS = 3
MIN_TITLE_HAN_CHARS = 6

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|cn|hu|org|net|io|de|eu)\b", re.IGNORECASE)
_PHONE = re.compile(r"(?<![\w])\+?\d[\d\s().-]{6,}\d(?![\w])")
_MIN_PHONE_DIGITS = 8
_MIN_BRAND_LENGTH = 3


@dataclass(frozen=True)
class Issue:
    code: str
    field: str = ""
    evidence: str = ""


@dataclass(frozen=True, kw_only=True)
class ListingText:
    """Every language of each text field, as plain text (markup removed by the caller)."""

    kind: str
    texts: Mapping[str, tuple[str, ...]]
    filled: frozenset[str]
    anonymous: bool = False
    owner_names: tuple[str, ...] = field(default=())


def missing_fields(listing: ListingText) -> tuple[Issue, ...]:
    required = (*COMMON_REQUIRED, *REQUIRED_BY_KIND.get(listing.kind, ()))
    return tuple(Issue("missing_field", name) for name in required if name not in listing.filled)


def is_generic_title(title: str) -> bool:
    """Too short, or made only of words that say nothing about the technology."""
    latin = [word for word in words(title) if not word.isdigit()]
    han = _han_text(title)
    specific_latin = [word for word in latin if word not in GENERIC_WORDS]
    specific_han = han
    for phrase in GENERIC_HAN_PHRASES:
        specific_han = specific_han.replace(phrase, "")
    if han and not latin:
        return len(han) < MIN_TITLE_HAN_CHARS or not specific_han
    if latin and not han:
        return len(latin) < MIN_TITLE_WORDS or not specific_latin
    return not (specific_latin or specific_han)


def _han_text(text: str) -> str:
    return "".join(
        char for char in fold(text) if "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"
    )


def generic_titles(listing: ListingText) -> tuple[Issue, ...]:
    titles = listing.texts.get("title", ())
    return tuple(Issue("generic_title", "title", title) for title in titles if is_generic_title(title))


def superlatives_in(text: str) -> tuple[str, ...]:
    folded = fold(text)
    found = {word for word in re.findall(r"[^\W_]+(?:-[^\W_]+)*", folded) if word in SUPERLATIVES_WORDS}
    found |= {phrase for phrase in SUPERLATIVE_HAN_PHRASES if phrase in folded}
    return tuple(sorted(found))


def superlatives(listing: ListingText) -> tuple[Issue, ...]:
    return tuple(
        Issue("superlative", name, word)
        for name, texts in listing.texts.items()
        for text in texts
        for word in superlatives_in(text)
    )


def contact_details_in(text: str) -> tuple[str, ...]:
    found = [*_EMAIL.findall(text), *_URL.findall(_EMAIL.sub(" ", text))]
    found += [
        phone.strip()
        for phone in _PHONE.findall(text)
        if sum(char.isdigit() for char in phone) >= _MIN_PHONE_DIGITS
    ]
    return tuple(dict.fromkeys(found))


def identity_leaks(listing: ListingText) -> tuple[Issue, ...]:
    """Contact details and the owner's names inside a listing whose owner must stay hidden."""
    if not listing.anonymous:
        return ()
    issues: list[Issue] = []
    names = [fold(name) for name in listing.owner_names if len(name.strip()) >= _MIN_BRAND_LENGTH]
    for name, texts in listing.texts.items():
        for text in texts:
            issues.extend(Issue("contact_details", name, found) for found in contact_details_in(text))
            issues.extend(Issue("owner_named", name, brand) for brand in names if brand in fold(text))
    return tuple(dict.fromkeys(issues))


def check_listing(listing: ListingText) -> tuple[Issue, ...]:
    """All issues of one listing, duplicates excepted (those need the other listings)."""
    return (
        *missing_fields(listing),
        *generic_titles(listing),
        *superlatives(listing),
        *identity_leaks(listing),
    )
