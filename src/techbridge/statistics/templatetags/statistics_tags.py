from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from django import template
from django.utils import translation
from techbridge_core.analytics.indicators import Text

register = template.Library()


@register.filter
def get_item(mapping: Mapping[str, Any], key: str) -> Any:
    return mapping.get(key, "")


@register.filter
def urlencode_dict(query: Mapping[str, str]) -> str:
    return urlencode(query)


@register.filter
def in_language(text: Text) -> str:
    return text.in_language(translation.get_language() or "en")
