"""Changes to organisations that do not come through a Django form (the API)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from techbridge.common.multilingual import clean_translations
from techbridge.common.sanitize import reject_html, sanitize_html
from techbridge.directory.models import Organisation

PLAIN_FIELDS = ("short_name", "region", "city")


class OrganisationChangeError(Exception):
    def __init__(self, message: object) -> None:
        super().__init__(message)
        self.message = message


def check_update_organisation(*, organisation: Organisation, changes: dict[str, Any]) -> None:
    """Validate every change first, then save them together; nothing is saved on error."""
    try:
        cleaned = _clean_changes(changes)
    except ValidationError as error:
        raise OrganisationChangeError(" ".join(str(message) for message in error.messages)) from error
    for name, value in cleaned.items():
        setattr(organisation, name, value)
    organisation.save()


def _clean_changes(changes: dict[str, Any]) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    for name, value in changes.items():
        if value is None:
            continue
        if name == "name":
            cleaned[name] = clean_translations(value)
            if not cleaned[name]:
                raise ValidationError("The name needs at least one language.")
        elif name == "description":
            cleaned[name] = {code: sanitize_html(text) for code, text in clean_translations(value).items()}
        elif name == "website":
            if value:
                URLValidator(schemes=["http", "https"])(value)
            cleaned[name] = value
        elif name in PLAIN_FIELDS:
            reject_html(value)
            cleaned[name] = value.strip()
    return cleaned
