"""Field validators of the events app."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from techbridge.common.forms import usable_time_zones
from techbridge.common.languages import content_languages


def validate_time_zone(value: str) -> None:
    if not value:
        return
    if value not in usable_time_zones():
        raise ValidationError(
            _("“%(zone)s” is not a known time zone."), code="invalid", params={"zone": value}
        )
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValidationError(
            _("“%(zone)s” is not a known time zone."), code="invalid", params={"zone": value}
        ) from error


def validate_language_codes(value: object) -> None:
    known = set(content_languages())
    if not isinstance(value, list) or not all(isinstance(code, str) and code in known for code in value):
        raise ValidationError(
            _("Choose languages among: %(known)s."),
            code="invalid",
            params={"known": ", ".join(sorted(known))},
        )
