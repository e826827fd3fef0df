from __future__ import annotations

import pycountry
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from techbridge.common.countries import SPOKEN_LANGUAGES


def validate_country(value: str) -> None:
    if value and pycountry.countries.get(alpha_2=value.upper()) is None:
        raise ValidationError(
            _("%(value)s is not an ISO 3166 country code."), code="country", params={"value": value}
        )


def validate_language_list(value: object) -> None:
    if not isinstance(value, list) or any(code not in SPOKEN_LANGUAGES for code in value):
        raise ValidationError(_("Choose languages from the list."), code="languages")


PHONE_CHARACTERS = frozenset("0123456789+-() ./")


def validate_phone(value: str) -> None:
    """Digits with the usual separators and an optional leading +; at least six digits."""
    digits = sum(char.isdigit() for char in value)
    if not set(value) <= PHONE_CHARACTERS or digits < 6 or "+" in value[1:]:
        raise ValidationError(
            _("Enter a phone number with digits, spaces and an optional leading +."), code="phone"
        )
