"""User HTML is sanitised with nh3; plain-text fields refuse markup outright."""

from __future__ import annotations

import re

import nh3
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ALLOWED_TAGS = {"p", "br", "strong", "em", "b", "i", "u", "ul", "ol", "li", "a", "h3", "h4", "blockquote"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")


def sanitize_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def reject_html(value: str) -> None:
    if _TAG.search(value or ""):
        raise ValidationError(_("HTML is not allowed in this field; use plain text."), code="html")
