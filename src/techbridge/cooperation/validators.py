"""Upload checks of the cooperation app: agreement documents and message attachments are checked
by extension AND content, and capped in size, like the market's listing attachments."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
_ZIP = (b"PK\x03\x04",)
DOCUMENT_TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    "pdf": ("application/pdf", (b"%PDF-",)),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", _ZIP),
    "odt": ("application/vnd.oasis.opendocument.text", _ZIP),
}
ATTACHMENT_TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    **DOCUMENT_TYPES,
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
}
# A DOCX or ODT is a zip; these members tell it from any other zip renamed.
_ZIP_MARKERS = {"docx": b"word/", "odt": b"application/vnd.oasis.opendocument.text"}


def checked_content_type(
    name: str, content: bytes, *, allowed: dict[str, tuple[str, tuple[bytes, ...]]], max_bytes: int
) -> str:
    """The content type of an upload, from its extension and its bytes; ValidationError otherwise."""
    if len(content) > max_bytes:
        raise ValidationError(
            _("The file is too large (at most %(limit)d MB)."),
            code="size",
            params={"limit": max_bytes // (1024 * 1024)},
        )
    if not content:
        raise ValidationError(_("The file is empty."), code="empty")
    extension = name.rsplit(".", 1)[-1].casefold() if "." in name else ""
    if extension not in allowed:
        raise ValidationError(
            _("This kind of file cannot be uploaded here (allowed: %(types)s)."),
            code="type",
            params={"types": ", ".join(sorted(allowed)).upper()},
        )
    content_type, signatures = allowed[extension]
    marker = _ZIP_MARKERS.get(extension)
    if not content.startswith(signatures) or (marker is not None and marker not in content):
        raise ValidationError(_("The file's content does not match its type."), code="content")
    return content_type
