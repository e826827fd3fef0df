from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from django import template
from django.utils import translation

from techbridge.directory.roles import AnyUser
from techbridge.statistics.roles import reads_dashboards
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


@register.simple_tag
def reads_statistics(user: AnyUser) -> bool:
    """For the menu: does the user read the statistics dashboards?"""
    return reads_dashboards(user)
