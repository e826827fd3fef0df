"""The reader's language: the one a user chose (language switcher or profile), stored on the account
and used for everything written to them while they are not looking (notifications, e-mails)."""

from __future__ import annotations

from django.conf import settings

from techbridge.accounts.models import User
from techbridge.common.languages import content_languages


def reader_language(user: User) -> str:
    """The user's preferred language, or the site's default when the stored one is not offered."""
    language = user.preferred_language
    return language if language in content_languages() else settings.LANGUAGE_CODE


def do_set_preferred_language(*, user: User, language: str) -> bool:
    """Store `language` as the user's preferred language; False (and nothing stored) when not offered."""
    if language not in content_languages():
        return False
    if user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
    return True
