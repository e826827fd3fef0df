"""Validators of the market's list fields and uploads: clear messages, never a 500."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from techbridge.common.sanitize import reject_html
from techbridge.directory.validators import validate_country

MAX_KEYWORDS = 5
MAX_KEYWORD_LENGTH = 60
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
ATTACHMENT_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "application/pdf": (b"%PDF-",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/webp": (b"RIFF",),
}
ATTACHMENT_EXTENSIONS = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "webp": "image/webp",
}


def _strings(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValidationError(_("Expected a list of texts."), code="invalid")
    return value


def validate_keywords(value: Any) -> None:
    keywords = _strings(value)
    if len(keywords) > MAX_KEYWORDS:
        raise ValidationError(
            _("At most %(limit)d keywords."), code="too_many", params={"limit": MAX_KEYWORDS}
        )
    for keyword in keywords:
        reject_html(keyword)
        if len(keyword) > MAX_KEYWORD_LENGTH:
            raise ValidationError(
                _("A keyword may have at most %(limit)d characters."),
                code="too_long",
                params={"limit": MAX_KEYWORD_LENGTH},
            )


def validate_countries(value: Any) -> None:
    for code in _strings(value):
        validate_country(code)


@deconstructible
class ChoiceListValidator:
    """Every item of a JSON list is one of `allowed` (kept serialisable for migrations)."""

    def __init__(self, allowed: list[str]) -> None:
        self.allowed = sorted(allowed)

    def __call__(self, value: Any) -> None:
        unknown = sorted(set(_strings(value)) - set(self.allowed))
        if unknown:
            raise ValidationError(
                _("Unknown choice: %(value)s."), code="invalid_choice", params={"value": ", ".join(unknown)}
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ChoiceListValidator) and other.allowed == self.allowed

    def __hash__(self) -> int:
        return hash(tuple(self.allowed))


def attachment_content_type(name: str, head: bytes) -> str:
    """The checked content type of an upload, from its extension AND its first bytes."""
    extension = name.rsplit(".", 1)[-1].casefold() if "." in name else ""
    content_type = ATTACHMENT_EXTENSIONS.get(extension)
    if content_type is None:
        raise ValidationError(_("Only PDF files and PNG, JPEG or WebP images can be attached."), code="type")
    if not head.startswith(ATTACHMENT_SIGNATURES[content_type]):
        raise ValidationError(_("The file's content does not match its type."), code="content")
    return content_type
