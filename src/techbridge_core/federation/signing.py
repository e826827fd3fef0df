"""The signature policy between installations (RFC 9421 HTTP Message Signatures, Ed25519).

The signing itself is done by the `http-message-signatures` library (docs/decisions/0016); this
module holds what both sides agree on: the covered components, the label and tag, the window in
which a signature's `created` time is accepted, and the shape of a nonce.
"""

from __future__ import annotations

import re

LABEL = "techbridge"
TAG = "techbridge-federation"
ALGORITHM = "ed25519"
# Method and full target URI (with the query: cursor, modified_since) always; the body by its
# Content-Digest when there is one (the library adds it when signing a body).
COVERED_COMPONENTS = ("@method", "@target-uri")
BODY_COMPONENTS = ("@method", "@target-uri", "content-digest")
# A signature older (or further in the future, clock skew) than this is refused; nonces are kept
# at least this long, so a replay inside the window is recognised by its nonce.
CREATED_WINDOW_SECONDS = 300
_NONCE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


class SignaturePolicyError(ValueError):
    """A signature outside the agreed policy: the reason is logged and answered."""


def check_created(created: int, now: float, window: int = CREATED_WINDOW_SECONDS) -> None:
    if created > now + window:
        raise SignaturePolicyError("signature created in the future")
    if created < now - window:
        raise SignaturePolicyError("signature too old")


def check_nonce(nonce: str | None) -> str:
    if nonce is None:
        raise SignaturePolicyError("signature without nonce")
    if not _NONCE.match(nonce):
        raise SignaturePolicyError("malformed nonce")
    return nonce


def key_id_for(base_url: str) -> str:
    """An installation's key id is its base URL without a trailing slash."""
    return normalise_base_url(base_url)


def normalise_base_url(url: str) -> str:
    url = url.strip()
    if not re.match(r"^https?://[A-Za-z0-9.\-\[\]:]+(/[A-Za-z0-9._~\-/]*)?$", url):
        raise SignaturePolicyError(f"not an installation address: {url[:80]!r}")
    return url.rstrip("/")
