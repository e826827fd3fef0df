"""`{% next_conference %}`: the next event the reader may see, for pages of lower apps (the home
page lives in the directory, which must not import events; a template tag joins them by name)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from techbridge.events.access import visible_events

register = template.Library()


@register.inclusion_tag("events/_next_conference.html", takes_context=True)
def next_conference(context: template.Context) -> dict[str, Any]:
    today = timezone.now().date()
    event = (
        visible_events(context["request"].user).filter(ends_on__gte=today).order_by("starts_on", "pk").first()
    )
    return {"event": event}
