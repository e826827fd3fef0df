"""Who is on the other end of a request: the client's address and user agent, for throttling and
the audit log. Behind a reverse proxy, set TECHBRIDGE_CLIENT_ADDRESS_HEADER (e.g.
"HTTP_X_REAL_IP") to the header the proxy sets; it is trusted only when configured."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

MAX_USER_AGENT = 300


def client_address(request: HttpRequest | None) -> str:
    if request is None:
        return ""
    header = getattr(settings, "TECHBRIDGE_CLIENT_ADDRESS_HEADER", "")
    forwarded = request.META.get(header, "") if header else ""
    if forwarded:
        return str(forwarded).split(",")[-1].strip()[:45]
    return str(request.META.get("REMOTE_ADDR", ""))[:45]


def user_agent(request: HttpRequest | None) -> str:
    if request is None:
        return ""
    return str(request.META.get("HTTP_USER_AGENT", ""))[:MAX_USER_AGENT]
