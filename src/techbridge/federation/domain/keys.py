"""This installation's Ed25519 key pair: made on first use, kept in the database."""

from __future__ import annotations

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from techbridge.federation.models import LocalKey
from techbridge_core.federation.signing import key_id_for


def own_base_url() -> str:
    return key_id_for(settings.SITE_URL)


def own_name() -> str:
    return str(getattr(settings, "TECHBRIDGE_FEDERATION_NAME", "") or own_base_url())


@transaction.atomic
def local_key() -> LocalKey:
    key = LocalKey.objects.select_for_update().order_by("pk").first()
    if key is not None:
        return key
    private = Ed25519PrivateKey.generate()
    return LocalKey.objects.create(
        private_key_pem=private.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ).decode(),
        public_key_pem=private.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode(),
        created_at=timezone.now(),
    )


def private_key() -> Ed25519PrivateKey:
    loaded = serialization.load_pem_private_key(local_key().private_key_pem.encode(), password=None)
    if not isinstance(loaded, Ed25519PrivateKey):
        raise TypeError("the installation key is not an Ed25519 key")
    return loaded


def load_public_key(pem: str) -> Ed25519PublicKey:
    """A partner's public key, or ValueError when it is not an Ed25519 PEM key."""
    try:
        loaded = serialization.load_pem_public_key(pem.strip().encode())
    except (ValueError, TypeError) as error:
        raise ValueError("not a PEM public key") from error
    if not isinstance(loaded, Ed25519PublicKey):
        raise ValueError("not an Ed25519 public key")
    return loaded
