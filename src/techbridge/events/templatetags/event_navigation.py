"""`{% event_nav event "tab" %}`: the event's header and tabs on pages whose views don't build them."""

from __future__ import annotations

from typing import Any

from django import template

from techbridge.events.access import own_registration
from techbridge.events.models import Event
from techbridge.events.roles import is_organiser

register = template.Library()


@register.inclusion_tag("events/_nav.html", takes_context=True)
def event_nav(context: template.Context, event: Event, tab: str = "") -> dict[str, Any]:
    user = context["request"].user
    return {
        "event": event,
        "tab": tab,
        "organiser": is_organiser(user, event),
        "registration": own_registration(user, event),
        "request": context["request"],
    }
