"""Requests carrying NUL characters are refused before they reach a view.

PostgreSQL cannot store or compare text containing NUL, so such a value would turn into a
server error deep inside a query; no legitimate client sends one.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
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
