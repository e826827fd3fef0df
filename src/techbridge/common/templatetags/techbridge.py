"""Template helpers: the reader's translation of multilingual content, and pagination links."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django import template
from django.http import HttpRequest
from django.utils import formats, timezone
from django.utils.safestring import SafeString, mark_safe

from techbridge.common import countries
from techbridge.common.multilingual import LocalizedText, localize

register = template.Library()


@register.filter
def tr(value: Mapping[str, str] | None) -> LocalizedText:
    """`{{ organisation.name|tr }}`: the text in the active language, with fallback."""
    return localize(value)


@register.filter
def tr_html(value: Mapping[str, str] | None) -> SafeString:
    """Rich text, already sanitised with nh3 when it was saved, and again here for old rows."""
    from techbridge.common.sanitize import sanitize_html

    return mark_safe(sanitize_html(localize(value).text))


@register.simple_tag(takes_context=True)
def query_with(context: dict[str, Any], **changes: Any) -> str:
    """The current query string with some parameters replaced (for pagination and filters)."""
    request: HttpRequest = context["request"]
    params = request.GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter
def country(code: str) -> str:
    """An ISO 3166 code as the country's name in the reader's language."""
    return countries.country_name(code)


@register.filter
def language_name(code: str) -> str:
    return countries.language_name(code)


@register.filter
def when(value: datetime | None) -> str:
    """`{{ message.created_at|when }}`: the moment on the current zone's clock (the viewer's, or the
    one a `{% timezone %}` block names), written the reader's way, with the zone named."""
    if value is None:
        return ""
    return in_zone(value, timezone.get_current_timezone_name())


@register.filter
def in_zone(value: datetime | None, zone: str) -> str:
    """`{{ booking.start|in_zone:facility.time_zone }}`: the moment on that zone's clock, written
    the reader's way, with the zone named so nobody mistakes it for their own time."""
    if value is None:
        return ""
    local = value.astimezone(ZoneInfo(zone))
    return f"{formats.date_format(local, 'SHORT_DATETIME_FORMAT')} ({zone})"


@register.filter
def clock_in_zone(value: datetime | None, zone: str) -> str:
    """`{{ booking.end|clock_in_zone:facility.time_zone }}`: only the time of day on that zone's clock."""
    if value is None:
        return ""
    return formats.time_format(value.astimezone(ZoneInfo(zone)), "H:i")
