"""The market: listings, their history and attachments, expressions of interest, saved searches.

Thin models: the lifecycle rules live in techbridge_core.market, the permission rules in
access.py, the changes in domain/. One table holds every listing type (docs/decisions/0009).
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from techbridge.common.multilingual import MultilingualTextField, localize
from techbridge.directory.models import Centre, Industry, Organisation, Person, TechnologyField
from techbridge.directory.validators import validate_country
from techbridge.market.enums import (
    DevelopmentStage,
    EoiStatus,
    InvestmentStage,
    IprStatus,
    ListingAction,
    ListingKind,
    ListingStatus,
    PartnershipType,
    PriceTerms,
    ServiceKind,
    Visibility,
)
from techbridge.market.validators import ChoiceListValidator, validate_countries, validate_keywords


class Listing(models.Model):
    kind = models.CharField(_("type"), max_length=20, choices=ListingKind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=ListingStatus.choices, default=ListingStatus.DRAFT
    )
    visibility = models.CharField(
        _("who can see it"), max_length=20, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    anonymous = models.BooleanField(
        _("anonymous"),
        default=False,
        help_text=_("Hide the owner's identity; contact goes through the centre's broker."),
    )
    open_for_interest = models.BooleanField(_("open for expressions of interest"), default=True)
    shared_with = models.ManyToManyField(
        Organisation, blank=True, related_name="shared_listings", verbose_name=_("shared with")
    )

    title = MultilingualTextField(_("title"), max_length=256, blank=False)
    summary = MultilingualTextField(_("summary"), max_length=500, blank=False)
    description = MultilingualTextField(_("description"), max_length=4000, rich=True)
    technology_fields = models.ManyToManyField(
        TechnologyField, blank=True, related_name="listings", verbose_name=_("technology fields")
    )
    industries = models.ManyToManyField(
        Industry, blank=True, related_name="listings", verbose_name=_("industries")
    )
    keywords = models.JSONField(_("keywords"), default=list, blank=True, validators=[validate_keywords])
    target_countries = models.JSONField(
        _("target countries"), default=list, blank=True, validators=[validate_countries]
    )
    target_regions = models.CharField(_("target regions"), max_length=200, blank=True)
    partnership_types = models.JSONField(
        _("partnership types sought"),
        default=list,
        blank=True,
        validators=[ChoiceListValidator(PartnershipType.values)],
    )
    owner_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="listings", verbose_name=_("owner")
    )
    centre = models.ForeignKey(
        Centre, null=True, blank=True, on_delete=models.SET_NULL, related_name="listings"
    )
    contact_person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="listings",
        verbose_name=_("contact person"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    country = models.CharField(_("country"), max_length=2, validators=[validate_country])

    # Offers
    stage = models.CharField(
        _("stage of development"), max_length=20, choices=DevelopmentStage.choices, blank=True
    )
    trl = models.PositiveSmallIntegerField(_("technology readiness level (TRL)"), null=True, blank=True)
    ipr_status = models.CharField(_("IPR status"), max_length=20, choices=IprStatus.choices, blank=True)
    patent_numbers = models.CharField(_("patent numbers"), max_length=300, blank=True)
    advantages = MultilingualTextField(_("advantages"), max_length=2000)
    price_terms = models.CharField(_("price or terms"), max_length=20, choices=PriceTerms.choices, blank=True)
    # Demands
    technical_specification = MultilingualTextField(_("technical specification"), max_length=4000, rich=True)
    budget_min = models.PositiveIntegerField(_("budget from (EUR)"), null=True, blank=True)
    budget_max = models.PositiveIntegerField(_("budget up to (EUR)"), null=True, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    # R&D cooperation requests
    programme = models.CharField(_("funding programme"), max_length=200, blank=True)
    call_id = models.CharField(_("call identifier"), max_length=100, blank=True)
    call_deadline = models.DateField(_("call deadline"), null=True, blank=True)
    call_budget = models.PositiveIntegerField(_("project budget (EUR)"), null=True, blank=True)
    # Capital offers
    ticket_min = models.PositiveIntegerField(_("ticket size from (EUR)"), null=True, blank=True)
    ticket_max = models.PositiveIntegerField(_("ticket size up to (EUR)"), null=True, blank=True)
    investment_stages = models.JSONField(
        _("investment stages"),
        default=list,
        blank=True,
        validators=[ChoiceListValidator(InvestmentStage.values)],
    )
    # Expertise and service offers
    service_kind = models.CharField(
        _("kind of service"), max_length=20, choices=ServiceKind.choices, blank=True
    )

    languages = models.CharField(max_length=40, editable=False, default="")
    search_text = models.TextField(editable=False, default="")
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    expiry_warned_at = models.DateTimeField(null=True, blank=True)
    expired_at = models.DateTimeField(null=True, blank=True)
    renewals = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ("-published_at", "-id")
        indexes = [
            models.Index(fields=("status", "visibility", "-published_at"), name="listing_browse"),
            # The search page's facet counts read from this index alone, not from the wide rows.
            models.Index(
                fields=("status", "visibility", "kind", "stage", "ipr_status", "country", "trl"),
                name="listing_facets",
            ),
            models.Index(fields=("published_at",), name="listing_published_at"),  # statistics by year
            models.Index(fields=("kind", "status"), name="listing_kind"),
            models.Index(fields=("centre", "status"), name="listing_centre"),
            models.Index(fields=("status", "expires_at"), name="listing_expiry"),
            models.Index(fields=("updated_at", "id"), name="listing_sync"),
            models.Index(fields=("country",), name="listing_country"),
            models.Index(fields=("stage", "trl"), name="listing_stage"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(trl__isnull=True) | models.Q(trl__gte=1, trl__lte=9),
                name="listing_trl_1_9",
            ),
        ]
        verbose_name = _("listing")
        verbose_name_plural = _("listings")

    def __str__(self) -> str:
        return str(localize(self.title))


class ListingTransition(models.Model):
    """One step of a listing's history: who did what, when and why."""

    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="transitions")
    action = models.CharField(max_length=20, choices=ListingAction.choices)
    from_status = models.CharField(max_length=20, choices=ListingStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=ListingStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("reason or comments"), blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ("at", "id")
        verbose_name = _("listing history entry")
        verbose_name_plural = _("listing history")

    def __str__(self) -> str:
        return f"{self.listing_id}: {self.from_status} → {self.to_status}"


def _attachment_path(instance: Any, filename: str) -> str:
    # A random name: attachments are served only through the access-checked view.
    return f"market/attachments/{uuid.uuid4().hex}"


class ListingAttachment(models.Model):
    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=_attachment_path)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("id",)
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name


class ExpressionOfInterest(models.Model):
    """The first step of the cooperation pipeline; `public_id` is its stable reference."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="interests")
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="market_interests"
    )
    sender_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="market_interests"
    )
    status = models.CharField(max_length=20, choices=EoiStatus.choices, default=EoiStatus.SENT)
    message = models.TextField(_("message"), max_length=4000)
    intended_use = models.TextField(_("intended use"), max_length=2000, blank=True)
    capacity = models.TextField(_("capacity and resources"), max_length=2000, blank=True)
    timeline = models.CharField(_("timeline"), max_length=200, blank=True)
    forwarded_at = models.DateTimeField(null=True, blank=True)
    # An anonymous listing's owner reveals itself to this sender by an explicit step.
    owner_revealed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ("-created_at", "-id")
        indexes = [
            models.Index(fields=("listing", "status"), name="eoi_listing_status"),
            models.Index(fields=("created_at",), name="eoi_created_at"),  # statistics by year
        ]
        verbose_name = _("expression of interest")
        verbose_name_plural = _("expressions of interest")

    def __str__(self) -> str:
        return str(self.public_id)


class InterestTransition(models.Model):
    interest = models.ForeignKey(ExpressionOfInterest, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=20, choices=EoiStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=EoiStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.TextField(blank=True)
    at = models.DateTimeField()

    class Meta:
        verbose_name = _("interest transition")
        verbose_name_plural = _("interest transitions")
        ordering = ("at", "id")

    def __str__(self) -> str:
        return f"{self.interest_id}: {self.from_status} → {self.to_status}"


class AlertFrequency(models.TextChoices):
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")
    NEVER = "never", _("Never (no e-mail)")


class SavedSearch(models.Model):
    """A user's search of the listing page (filters stored as primitive JSON) with its e-mail alert."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(_("name"), max_length=100)
    filters = models.JSONField(default=dict)
    frequency = models.CharField(
        _("alert frequency"), max_length=10, choices=AlertFrequency.choices, default=AlertFrequency.WEEKLY
    )
    widget_token = models.CharField(max_length=64, unique=True)
    last_alert_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return self.name


class AlertDelivery(models.Model):
    """A listing already mailed for a saved search: the job never sends it twice."""

    saved_search = models.ForeignKey(SavedSearch, on_delete=models.CASCADE, related_name="deliveries")
    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField()

    class Meta:
        verbose_name = _("alert delivery")
        verbose_name_plural = _("alert deliveries")
        constraints = [
            models.UniqueConstraint(fields=("saved_search", "listing"), name="alert_delivery_once"),
        ]

    def __str__(self) -> str:
        return f"{self.saved_search_id}:{self.listing_id}"


class ImportBatch(models.Model):
    """One imported file (by its sha256): importing the same file twice creates nothing new."""

    kind = models.CharField(max_length=20)  # "listings" or "organisations"
    scope = models.CharField(max_length=40)  # "admin" or "centre:<id>": whose file
    sha256 = models.CharField(max_length=64)
    filename = models.CharField(max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rows = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")
        constraints = [
            models.UniqueConstraint(fields=("kind", "scope", "sha256"), name="import_batch_file_once")
        ]

    def __str__(self) -> str:
        return self.filename


class ImportedObject(models.Model):
    """The natural key of an imported row (its external_ref) and the object it created."""

    kind = models.CharField(max_length=20)
    scope = models.CharField(max_length=40)  # "org:<id>" for listings, the importer's scope otherwise
    external_ref = models.CharField(max_length=100)
    object_id = models.PositiveBigIntegerField()
    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="imported_objects")

    class Meta:
        verbose_name = _("imported object")
        verbose_name_plural = _("imported objects")
        constraints = [
            models.UniqueConstraint(
                fields=("kind", "scope", "external_ref"), name="imported_object_ref_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.external_ref}"


class SearchRevision(models.Model):
    """One row whose token changes in the same transaction as every change that can alter a search
    page: cached counts and fragments are valid for one token only. A random token, never a
    counter, so a restored backup or a rolled-back test cannot bring an old one back to life."""

    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = _("search revision")
        verbose_name_plural = _("search revisions")

    def __str__(self) -> str:
        return self.token


class FacetSnapshot(models.Model):
    """The total and facet counts of one search for one visibility scope, at one search revision.

    Kept in the database so every worker process shares it and it follows the data's transactions.
    `key` hashes (visibility scope, ranking backend, filters); see docs/decisions/0011."""

    key = models.CharField(max_length=64)
    revision = models.CharField(max_length=32)
    total = models.PositiveIntegerField()
    facets = models.JSONField(default=dict)
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("facet snapshot")
        verbose_name_plural = _("facet snapshots")
        constraints = [
            models.UniqueConstraint(fields=("key", "revision"), name="facet_snapshot_once"),
        ]
        indexes = [models.Index(fields=("revision",), name="facet_snapshot_revision")]

    def __str__(self) -> str:
        return f"{self.key[:12]}@{self.revision}"
