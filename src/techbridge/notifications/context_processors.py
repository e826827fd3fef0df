from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from techbridge.notifications.access import unread_count


def unread(request: HttpRequest) -> dict[str, object]:
    """The header's unread count; counted only when a template shows it."""
    return {"UNREAD_NOTIFICATIONS": SimpleLazyObject(lambda: unread_count(request.user))}
