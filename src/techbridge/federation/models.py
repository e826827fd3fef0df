"""Federation: this installation's key, its partners, what it publishes and what it took in.

Thin models; the protocol rules live in techbridge_core.federation, the changes in domain/.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from techbridge.common.multilingual import localize
from techbridge.federation.enums import Audience, OutboxStatus, PartnerStatus, RecordKind
from techbridge.market.enums import EoiStatus
from techbridge.matching.models import StoredVector


class LocalKey(models.Model):
    """This installation's Ed25519 key pair (one row, made on first use)."""

    private_key_pem = models.TextField()
    public_key_pem = models.TextField()
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("installation key")
        verbose_name_plural = _("installation keys")

    def __str__(self) -> str:
        return f"key {self.pk}"


class Partner(models.Model):
    url = models.URLField(_("address"), max_length=300, unique=True)
    name = models.CharField(_("name"), max_length=200)
    centres = models.CharField(_("centres it speaks for"), max_length=500, blank=True)
    public_key_pem = models.TextField(_("public key"))
    status = models.CharField(
        _("status"), max_length=20, choices=PartnerStatus.choices, default=PartnerStatus.ACTIVE
    )
    rate_limit_per_minute = models.PositiveIntegerField(_("requests per minute"), default=600)
    error_count = models.PositiveIntegerField(_("errors"), default=0)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    last_error_at = models.DateTimeField(null=True, blank=True)
    last_sync_at = models.DateTimeField(_("last sync"), null=True, blank=True)
    cursor = models.CharField(max_length=40, blank=True)
    # The system user standing for this partner's people as the sender of their EOIs here.
    proxy_user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ("name", "id")
        verbose_name = _("partner installation")
        verbose_name_plural = _("partner installations")

    def __str__(self) -> str:
        return self.name


class Invitation(models.Model):
    """A one-time token given out of band to a future partner's administrator (stored hashed)."""

    token_sha256 = models.CharField(max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=200)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    partner = models.ForeignKey(Partner, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return self.name


class SeenNonce(models.Model):
    """A signature's nonce, kept beyond the signature window: the same nonce twice is a replay."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="+")
    nonce = models.CharField(max_length=64)
    seen_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("seen nonce")
        verbose_name_plural = _("seen nonces")
        constraints = [models.UniqueConstraint(fields=("partner", "nonce"), name="federation_nonce_once")]

    def __str__(self) -> str:
        return self.nonce


class Publication(models.Model):
    """What this installation publishes: one row per shared record, its AS2 object and sequence number.

    Every change (or withdrawal: `deleted`) takes the next `seq`, so the feed pages by seq."""

    kind = models.CharField(max_length=20, choices=RecordKind.choices)
    local_id = models.PositiveBigIntegerField()
    seq = models.PositiveBigIntegerField(unique=True)
    digest = models.CharField(max_length=64)
    payload = models.JSONField(default=dict)
    deleted = models.BooleanField(default=False)
    modified_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        constraints = [
            models.UniqueConstraint(fields=("kind", "local_id"), name="federation_publication_once")
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.local_id}@{self.seq}"


class PublishState(models.Model):
    """One row: when the publications were last brought up to date (and the lock for doing so)."""

    refreshed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("publishing state")
        verbose_name_plural = _("publishing state")

    def __str__(self) -> str:
        return str(self.refreshed_at)


class RemoteRecord(models.Model):
    """A partner's record as it arrived: never edited here; replaced by newer versions, hidden by tombstones."""

    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="records")
    kind = models.CharField(_("type"), max_length=20, choices=RecordKind.choices)
    remote_id = models.CharField(max_length=500)
    version = models.PositiveBigIntegerField()
    deleted = models.BooleanField(default=False)
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices)
    title = models.JSONField(default=dict)
    summary = models.JSONField(default=dict)
    content = models.JSONField(default=dict)
    url = models.URLField(max_length=500, blank=True)
    centre = models.CharField(_("centre"), max_length=200, blank=True)
    attributed_to = models.CharField(max_length=300, blank=True)
    attributes = models.JSONField(default=dict)
    remote_updated = models.CharField(max_length=40, blank=True)
    search_text = models.TextField(default="")
    fetched_at = models.DateTimeField(_("fetched at"))
    first_seen_at = models.DateTimeField()

    class Meta:
        ordering = ("-fetched_at", "-id")
        verbose_name = _("remote record")
        verbose_name_plural = _("remote records")
        constraints = [
            models.UniqueConstraint(fields=("partner", "remote_id"), name="federation_remote_once")
        ]
        indexes = [models.Index(fields=("kind", "deleted"), name="federation_remote_kind")]

    def __str__(self) -> str:
        return str(localize(self.title))


class RemoteVector(StoredVector):
    """A remote listing's passage embedding, made here with the local embedder so the alliance
    search ranks it with the local listings (the origin's vectors are never trusted or needed)."""

    record = models.OneToOneField(RemoteRecord, on_delete=models.CASCADE, related_name="match_vector")

    class Meta:
        verbose_name = _("remote listing vector")
        verbose_name_plural = _("remote listing vectors")

    def __str__(self) -> str:
        return f"{self.record_id}: {self.model_name}"


class RemoteInterest(models.Model):
    """An expression of interest sent from here on a partner's listing; its status comes back."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    record = models.ForeignKey(RemoteRecord, on_delete=models.PROTECT, related_name="interests")
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    message = models.TextField(_("message"), max_length=4000)
    status = models.CharField(_("status"), max_length=20, default="sent")
    status_checked_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ("-created_at", "-id")
        verbose_name = _("interest sent to a partner")
        verbose_name_plural = _("interests sent to partners")

    def __str__(self) -> str:
        return str(self.public_id)

    @property
    def status_label(self) -> str:
        """The status in the reader's language ("Forwarded to the owner"), the raw word if unknown."""
        return str(EoiStatus(self.status).label) if self.status in EoiStatus.values else self.status


class InboundInterest(models.Model):
    """A partner's expression of interest received here: its id there, and the EOI it became here."""

    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="+")
    remote_uuid = models.UUIDField()
    interest = models.OneToOneField(
        "market.ExpressionOfInterest", on_delete=models.CASCADE, related_name="federation_origin"
    )
    received_at = models.DateTimeField()

    class Meta:
        verbose_name = _("interest received from a partner")
        verbose_name_plural = _("interests received from partners")
        constraints = [
            models.UniqueConstraint(fields=("partner", "remote_uuid"), name="federation_inbound_once")
        ]

    def __str__(self) -> str:
        return str(self.remote_uuid)


class OutboxMessage(models.Model):
    """A signed message waiting for a partner: retried with back-off until delivered."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="outbox")
    path = models.CharField(max_length=200)
    # What the message is about (a RemoteInterest's public_id): the status checks look it up.
    subject_id = models.UUIDField(null=True, blank=True, db_index=True)
    payload = models.JSONField(default=dict)
    status = models.CharField(max_length=20, choices=OutboxStatus.choices, default=OutboxStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(db_index=True)
    last_error = models.CharField(max_length=500, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ("created_at", "id")
        verbose_name = _("outgoing federation message")
        verbose_name_plural = _("outgoing federation messages")

    def __str__(self) -> str:
        return str(self.public_id)
