"""Field validators of the events app (validate_time_zone is the common rule, named here for the
migrations that refer to it)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from techbridge.common.languages import content_languages
from techbridge.common.validation import validate_time_zone

__all__ = ["validate_language_codes", "validate_time_zone"]


def validate_language_codes(value: object) -> None:
    known = set(content_languages())
    if not isinstance(value, list) or not all(isinstance(code, str) and code in known for code in value):
        raise ValidationError(
            _("Choose languages among: %(known)s."),
            code="invalid",
            params={"known": ", ".join(sorted(known))},
        )
