"""One-click unsubscription links (RFC 8058) for every e-mail the platform sends on its own.

The signed value in the link is the credential, so the link works from any mail client without
signing in; a salt per purpose keeps a link for one thing from stopping another.
"""

from __future__ import annotations

from typing import Any

from django.core import signing


def signed_token(value: Any, *, salt: str) -> str:
    return signing.dumps(value, salt=salt)


def token_value(token: str, *, salt: str) -> Any | None:
    """The value signed into `token`, or None when the token was not made by us for this salt."""
    try:
        return signing.loads(token, salt=salt)
    except signing.BadSignature:
        return None


def unsubscribe_headers(url: str) -> dict[str, str]:
    """The headers that let mail clients offer their own one-click "unsubscribe" button."""
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
