"""The viewer's time zone: the one a user chose (profile, "my bookings", or the browser's at
registration), stored on the account and used for every time shown to them and written to them.
Pages name the zone beside each time (the `when` filter), so a time is never ambiguous."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError

from techbridge.accounts.models import User
from techbridge.common.validation import validate_time_zone

# Where the platform's readers of a language mostly live: the zone a new account starts with when
# the browser did not tell us its own.
LANGUAGE_ZONES = {"zh-hans": "Asia/Shanghai", "hu": "Europe/Budapest"}


def is_usable_time_zone(zone: str) -> bool:
    try:
        validate_time_zone(zone)
    except ValidationError:
        return False
    return bool(zone)


def starting_time_zone(*, browser_zone: str, language: str) -> str:
    """A new account's zone: the browser's when it sent a usable one, else its language's usual zone."""
    if is_usable_time_zone(browser_zone):
        return browser_zone
    return LANGUAGE_ZONES.get(language, settings.TIME_ZONE)


def viewer_time_zone(user: object) -> str:
    """The zone to show `user` times in (anonymous visitors and users who chose none: the site's)."""
    zone = getattr(user, "time_zone", "") or ""
    return zone if is_usable_time_zone(zone) else settings.TIME_ZONE


def do_set_time_zone(*, user: User, zone: str) -> bool:
    """Store `zone` as the user's time zone; False (and nothing stored) when it is not a usable zone."""
    if not is_usable_time_zone(zone):
        return False
    if user.time_zone != zone:
        user.time_zone = zone
        user.save(update_fields=["time_zone"])
    return True
