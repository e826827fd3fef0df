"""The one set of rules for dates, times and text typed by people or sent by programs.

Forms (common/forms.py, the apps' forms) and the API schemas (api/schemas.py) both call these,
so the same input is refused the same way, with the same message, wherever it comes in.

- Dates and times lie between FIRST_YEAR and LAST_YEAR: far enough for any booking or event,
  near enough that converting between zones never leaves the calendar (year 1 in a zone east of
  UTC is before year 1 in UTC, which Python cannot represent; year 9999 west of UTC is after it).
- A UTC offset is at most MAX_UTC_OFFSET either way: every real zone lies within −12:00 and
  +14:00, and PostgreSQL refuses offsets of 16 hours and more.
- Text holds no character that cannot be stored (techbridge_core.text.unsafe).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from techbridge.common.sanitize import reject_html
from techbridge_core.text.unsafe import describe_character, first_unsafe_character

FIRST_YEAR, LAST_YEAR = 1970, 2200
MAX_UTC_OFFSET = timedelta(hours=14)


def validate_year(value: date) -> None:
    """For dates and date-times alike (a datetime is a date)."""
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValidationError(
            _("Enter a date between %(first)s and %(last)s."),
            code="out_of_range",
            params={"first": FIRST_YEAR, "last": LAST_YEAR},
        )


def validate_utc_offset(value: datetime) -> None:
    offset = value.utcoffset()
    if offset is not None and abs(offset) > MAX_UTC_OFFSET:
        raise ValidationError(
            _("The UTC offset must lie between −14:00 and +14:00."), code="offset_out_of_range"
        )


def validate_moment(value: datetime) -> None:
    """A date-time with or without a zone: its year and, when it has one, its UTC offset."""
    validate_utc_offset(value)
    validate_year(value)


def parse_moment(text: str) -> datetime:
    """An ISO 8601 date-time (a bare number is refused, unlike pydantic's Unix times), checked."""
    try:
        parsed = datetime.fromisoformat(text)
    except (ValueError, OverflowError) as error:
        raise ValidationError(
            _("Enter a date and time in ISO 8601 format, such as 2026-03-01T09:30:00+01:00."),
            code="invalid",
        ) from error
    validate_moment(parsed)
    return parsed


def validate_text(value: str) -> None:
    """Refuses NUL and other control characters and unpaired surrogates, naming the character."""
    character = first_unsafe_character(value or "")
    if character is not None:
        raise ValidationError(
            _("The text contains a character that cannot be stored (%(character)s); remove it."),
            code="unsafe_character",
            params={"character": describe_character(character)},
        )


def validate_texts(values: object) -> None:
    """Every text in a list or a mapping (keys included), e.g. keywords or translations."""
    items: list[object] = []
    if isinstance(values, dict):
        items = [*values.keys(), *values.values()]
    elif isinstance(values, list | tuple):
        items = list(values)
    for item in items:
        if isinstance(item, str):
            validate_text(item)


def validate_plain_text(value: str) -> None:
    """Text shown as typed: storable, and without markup (rich fields are sanitised instead)."""
    validate_text(value)
    reject_html(value)


def check_plain_texts(values: Mapping[str, str | None]) -> None:
    """Several plain-text fields at once (an API payload, say): errors keyed by field name."""
    errors: dict[str, list[str]] = {}
    for name, value in values.items():
        try:
            validate_plain_text(value or "")
        except ValidationError as error:
            errors[name] = [str(message) for message in error.messages]
    if errors:
        raise ValidationError(errors)


@cache
def usable_time_zones() -> tuple[str, ...]:
    """IANA zones people live in (Area/City) and UTC; aliases such as "localtime", "Zulu" or
    "Etc/GMT+3" (whose sign is inverted) would only confuse."""
    return tuple(
        sorted(
            zone
            for zone in available_timezones()
            if zone == "UTC" or ("/" in zone and not zone.startswith(("Etc/", "SystemV/", "US/", "posix")))
        )
    )


def validate_time_zone(value: str) -> None:
    """Blank means "not chosen"; anything else is one of the usable zones."""
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
