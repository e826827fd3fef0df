"""Stored listing and expert vectors, users' feedback on suggestions and brokers' pins and vetoes."""

from __future__ import annotations

import uuid

import numpy as np
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from techbridge.directory.models import ExpertProfile
from techbridge.market.models import Listing
from techbridge.matching.enums import DecisionKind, FeedbackKind
from techbridge_core.matching import Vectors


class StoredVector(models.Model):
    """A passage embedding (float32 bytes) and the hash of the text it was made from."""

    model_name = models.CharField(max_length=100)
    dimension = models.PositiveIntegerField()
    vector = models.BinaryField()
    text_hash = models.CharField(max_length=64)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def as_array(self) -> Vectors:
        return np.frombuffer(bytes(self.vector), dtype=np.float32).reshape(self.dimension)


class ListingVector(StoredVector):
    """A listing's passage embedding."""

    listing = models.OneToOneField(Listing, on_delete=models.CASCADE, related_name="match_vector")

    class Meta:
        # Pages add the vectors written since the published ANN index was built (docs/decisions/0004).
        indexes = [models.Index(fields=["updated_at"], name="matching_listingvector_updated")]
        verbose_name = _("listing vector")
        verbose_name_plural = _("listing vectors")

    def __str__(self) -> str:
        return f"{self.listing_id}: {self.model_name}"


class ExpertVector(StoredVector):
    """An expert profile's passage embedding, kept like a listing's: embedding ~80 ms per
    multilingual profile is too slow to do for a whole pool while a page waits."""

    profile = models.OneToOneField(ExpertProfile, on_delete=models.CASCADE, related_name="match_vector")

    class Meta:
        verbose_name = _("expert vector")
        verbose_name_plural = _("expert vectors")

    def __str__(self) -> str:
        return f"{self.profile_id}: {self.model_name}"


class MatchFeedback(models.Model):
    """What a user said about one suggested candidate for one of their listings."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="+")
    candidate = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("feedback"), max_length=20, choices=FeedbackKind.choices)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("user", "listing", "candidate"), name="match_feedback_once"),
        ]
        verbose_name = _("match feedback")
        verbose_name_plural = _("match feedback")

    def __str__(self) -> str:
        return f"{self.listing_id} → {self.candidate_id}: {self.kind}"


class MatchDecision(models.Model):
    """A broker of the listing's centre pins or vetoes a candidate for everyone who sees its matches."""

    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="+")
    candidate = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("decision"), max_length=10, choices=DecisionKind.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("created_at", "id")
        constraints = [
            models.UniqueConstraint(fields=("listing", "candidate"), name="match_decision_once"),
        ]
        verbose_name = _("broker decision on a match")
        verbose_name_plural = _("broker decisions on matches")

    def __str__(self) -> str:
        return f"{self.listing_id} → {self.candidate_id}: {self.kind}"


class CorpusSnapshot(models.Model):
    """The whole catalogue's ranking statistics for one embedding model (BM25 document
    frequencies, N and average length; per kind and language the calibration moments), written
    by the indexing job (techbridge_core.matching.corpus.CatalogueCorpus as bytes).

    One row per model, its `version` raised and its `token` renewed at each rewrite: a page
    reads the token (one indexed row) and loads `data` only when its process holds another one
    (a token, not the version, so a row deleted and made again is never taken for the old one)."""

    model_name = models.CharField(max_length=100, unique=True)
    version = models.PositiveIntegerField(default=1)
    token = models.UUIDField(default=uuid.uuid4)
    source = models.JSONField(default=dict)
    documents = models.PositiveIntegerField(default=0)
    data = models.BinaryField()
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("matching catalogue statistics")
        verbose_name_plural = _("matching catalogue statistics")

    def __str__(self) -> str:
        return f"{self.model_name} v{self.version}: {self.documents}"
