"""A partner installation simulated in the test process: its own Ed25519 key signs requests to
the test client as a real partner's would (RFC 9421, the parameters of decision 0016)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.utils import timezone
from http_message_signatures import HTTPMessageSigner, MappingKeyResolver, algorithms
from http_message_signatures.structures import CaseInsensitiveDict

from techbridge.federation.models import Partner
from techbridge_core.federation.signing import BODY_COMPONENTS, COVERED_COMPONENTS, LABEL, TAG

PARTNER = "https://bp.example.org"


@dataclass
class _Message:
    method: str
    url: str
    headers: Any


class SigningPartner:
    def __init__(self) -> None:
        self.key = Ed25519PrivateKey.generate()
        pem = self.key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        self.partner = Partner.objects.create(
            url=PARTNER, name="Budapest", public_key_pem=pem.decode(), created_at=timezone.now()
        )

    def headers(
        self, method: str, url: str, body: bytes | None = None, nonce: str | None = None
    ) -> dict[str, str]:
        headers = CaseInsensitiveDict()
        if body is not None:
            headers["Content-Type"] = "application/activity+json"
        signer = HTTPMessageSigner(
            signature_algorithm=algorithms.ED25519,
            key_resolver=MappingKeyResolver(public_keys={}, private_keys={PARTNER: self.key}),
        )
        signer.sign(
            _Message(method, url, headers),
            key_id=PARTNER,
            nonce=nonce or secrets.token_urlsafe(24),
            label=LABEL,
            tag=TAG,
            covered_component_ids=BODY_COMPONENTS[:2] if body is None else COVERED_COMPONENTS,
            body=body,
        )
        return {f"HTTP_{name.upper().replace('-', '_')}": value for name, value in headers.items()}
