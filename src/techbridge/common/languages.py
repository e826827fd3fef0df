"""The content languages of techbridge and the order in which they stand in for each other."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation

CONTENT_LANGUAGES: tuple[str, ...] = ("en", "zh-hans", "hu")


def content_languages() -> tuple[str, ...]:
    return tuple(code for code, _name in settings.LANGUAGES)


def active_language() -> str:
    language = translation.get_language() or settings.LANGUAGE_CODE
    return language if language in content_languages() else settings.LANGUAGE_CODE


def fallback_chain(language: str) -> tuple[str, ...]:
    """The reader's language first, then English (the alliance's working language), then the rest."""
    ordered = [language, settings.LANGUAGE_CODE, *content_languages()]
    return tuple(dict.fromkeys(ordered))
