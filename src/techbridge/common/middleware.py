"""Requests carrying NUL characters are refused before they reach a view; times are shown on the
viewer's clock.

PostgreSQL cannot store or compare text containing NUL, so such a value would turn into a
server error deep inside a query; no legitimate client sends one.
"""

from __future__ import annotations

from collections.abc import Callable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _

NUL_IN_JSON = b"\\u0000"


def _carries_nul(request: HttpRequest) -> bool:
    if "\x00" in request.path or any("\x00" in value for value in request.GET.values()):
        return True
    if request.method in {"POST", "PUT", "PATCH"} and request.content_type == "application/json":
        return b"\x00" in request.body or NUL_IN_JSON in request.body
    return False


class RejectNulCharactersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _carries_nul(request):
            return JsonResponse({"detail": _("The request contains a NUL character.")}, status=400)
        return self.get_response(request)


class ViewerTimeZoneMiddleware:
    """Times are rendered on the signed-in viewer's clock (the zone stored on their account; the
    site's zone for everyone else). Templates name the zone beside each time (`when`)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        zone = _usable_zone(getattr(getattr(request, "user", None), "time_zone", "") or "")
        if zone is None:
            timezone.deactivate()
        else:
            timezone.activate(zone)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


def _usable_zone(name: str) -> ZoneInfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None
