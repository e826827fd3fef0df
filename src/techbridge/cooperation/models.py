"""The cooperation pipeline: cases, their messages, agreements (parties, documents, signatures),
projects (milestones, reported figures). Thin models: the rules live in techbridge_core.cooperation,
the permission rules in access.py, the changes in domain/. The database enforces the invariants
it can; `version` columns let concurrent writers detect a lost update."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from techbridge.common.multilingual import MultilingualTextField, localize
from techbridge.cooperation.enums import (
    AgreementKind,
    AgreementStatus,
    CasePartyRole,
    CaseSource,
    CaseStage,
    ContractCategory,
    ContractSubtype,
    FigureKind,
    IpType,
    MessageChannel,
    MilestoneStatus,
    PartyRole,
    ProjectStatus,
)
from techbridge.directory.models import Centre, Organisation, TechnologyField
from techbridge.events.models import Activity, Event, Meeting, Showcase
from techbridge.market.models import ExpressionOfInterest, Listing

USER = settings.AUTH_USER_MODEL


class CooperationCase(models.Model):
    """The deal record a broker follows, from the first contact to the implemented project."""

    title = MultilingualTextField(_("title"), max_length=256, blank=False)
    stage = models.CharField(
        _("stage"), max_length=20, choices=CaseStage.choices, default=CaseStage.NEGOTIATING
    )
    held_from = models.CharField(max_length=20, choices=CaseStage.choices, blank=True)
    source = models.CharField(_("started from"), max_length=20, choices=CaseSource.choices)
    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="cooperation_cases")
    broker = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="brokered_cases"
    )
    interest = models.ForeignKey(
        ExpressionOfInterest,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cooperation_cases",
    )
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="cooperation_cases"
    )
    showcase = models.ForeignKey(
        Showcase, null=True, blank=True, on_delete=models.SET_NULL, related_name="cooperation_cases"
    )
    event = models.ForeignKey(
        Event, null=True, blank=True, on_delete=models.SET_NULL, related_name="cooperation_cases"
    )
    listings = models.ManyToManyField(Listing, blank=True, related_name="cooperation_cases")
    technology_fields = models.ManyToManyField(
        TechnologyField, blank=True, related_name="cooperation_cases", verbose_name=_("technology fields")
    )
    countries = models.JSONField(_("countries"), default=list, blank=True)
    owner_revealed = models.BooleanField(
        _("owner agreed to be named"),
        default=True,
        help_text=_("False while an anonymous listing's owner has not agreed to reveal itself."),
    )
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField()
    last_activity_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)
    # Chosen by the broker for the annual report; shown only with the parties' consent.
    highlight_in_report = models.BooleanField(_("highlight in the annual report"), default=False)
    report_consent = models.BooleanField(_("parties agreed to appear in the annual report"), default=False)

    class Meta:
        ordering = ("-last_activity_at", "-id")
        indexes = [
            models.Index(fields=("centre", "stage", "-last_activity_at"), name="coop_case_board"),
            models.Index(fields=("stage", "last_activity_at"), name="coop_case_stale"),
            # The board's keyset order within a centre: a page reads its rows off the index.
            models.Index(fields=("centre", "last_activity_at", "id"), name="coop_case_board_order"),
            models.Index(fields=("created_at",), name="coop_case_opened"),  # statistics by year
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(stage="on_hold") | Q(held_from=""), name="coop_case_held_from_only_on_hold"
            ),
        ]
        verbose_name = _("cooperation case")
        verbose_name_plural = _("cooperation cases")

    def __str__(self) -> str:
        return str(localize(self.title))

    @property
    def stage_label(self) -> str:
        """The stage's name in the active language; unlike get_stage_display, it does not translate
        every stage's name to find one (a board lists 25 cases)."""
        return str(CaseStage(self.stage).label)


class CaseParty(models.Model):
    case = models.ForeignKey(CooperationCase, on_delete=models.CASCADE, related_name="parties")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="cooperation_parties"
    )
    contact = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    role = models.CharField(max_length=20, choices=CasePartyRole.choices, default=CasePartyRole.OTHER)

    class Meta:
        ordering = ("id",)
        constraints = [models.UniqueConstraint(fields=("case", "organisation"), name="coop_case_party_once")]
        verbose_name = _("case party")
        verbose_name_plural = _("case parties")

    def __str__(self) -> str:
        return f"{self.case_id}: {self.organisation_id}"


class CaseTransition(models.Model):
    """One step of a case's history: who moved it, when and why (the listings' history pattern)."""

    case = models.ForeignKey(CooperationCase, on_delete=models.CASCADE, related_name="transitions")
    from_stage = models.CharField(max_length=20, choices=CaseStage.choices, blank=True)
    to_stage = models.CharField(max_length=20, choices=CaseStage.choices)
    actor = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField(_("reason"), blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ("at", "id")
        verbose_name = _("case history entry")
        verbose_name_plural = _("case history")

    def __str__(self) -> str:
        return f"{self.case_id}: {self.from_stage} → {self.to_stage}"


class CaseMessage(models.Model):
    """A message of the negotiation thread, in the language it was written in (kept as written)."""

    case = models.ForeignKey(CooperationCase, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    channel = models.CharField(max_length=10, choices=MessageChannel.choices, default=MessageChannel.PARTIES)
    body = models.TextField(_("message"), max_length=8000)
    language = models.CharField(max_length=10, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ("created_at", "id")
        indexes = [
            models.Index(fields=("case", "channel", "created_at"), name="coop_message_thread"),
            # The newest page of a broker's thread (both channels), by keyset.
            models.Index(fields=("case", "created_at", "id"), name="coop_message_latest"),
        ]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self) -> str:
        return f"{self.case_id}: {self.body[:40]}"


def _random_path(instance: Any, filename: str) -> str:
    # A random name: files are served only through the access-checked views.
    return f"cooperation/{uuid.uuid4().hex}"


class MessageAttachment(models.Model):
    message = models.ForeignKey(CaseMessage, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=_random_path)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("message attachment")
        verbose_name_plural = _("message attachments")
        ordering = ("id",)

    def __str__(self) -> str:
        return self.original_name


class ReadMarker(models.Model):
    """How far a user has read a case's thread."""

    case = models.ForeignKey(CooperationCase, on_delete=models.CASCADE, related_name="read_markers")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField()

    class Meta:
        verbose_name = _("read marker")
        verbose_name_plural = _("read markers")
        constraints = [models.UniqueConstraint(fields=("case", "user"), name="coop_read_marker_once")]

    def __str__(self) -> str:
        return f"{self.case_id}:{self.user_id}"


class Agreement(models.Model):
    case = models.ForeignKey(CooperationCase, on_delete=models.PROTECT, related_name="agreements")
    kind = models.CharField(_("kind"), max_length=30, choices=AgreementKind.choices)
    title = MultilingualTextField(_("title"), max_length=256, blank=False)
    status = models.CharField(
        _("status"), max_length=20, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    category = models.CharField(
        _("contract category"), max_length=20, choices=ContractCategory.choices, blank=True
    )
    subtype = models.CharField(_("sub-type"), max_length=30, choices=ContractSubtype.choices, blank=True)
    total_amount = models.DecimalField(
        _("total amount"), null=True, blank=True, max_digits=15, decimal_places=2
    )
    technical_income = models.DecimalField(
        _("technical income"), null=True, blank=True, max_digits=15, decimal_places=2
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    starts_on = models.DateField(_("term starts"), null=True, blank=True)
    ends_on = models.DateField(_("term ends"), null=True, blank=True)
    signed_place = models.CharField(_("place of signing"), max_length=200, blank=True)
    signed_on = models.DateField(_("date of signing"), null=True, blank=True)
    signing_activity = models.ForeignKey(
        Activity,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signed_agreements",
        verbose_name=_("signing ceremony"),
    )
    ip_type = models.CharField(_("IP involved"), max_length=30, choices=IpType.choices, default=IpType.NONE)
    registration_number = models.CharField(_("registration number"), max_length=60, blank=True)
    registered_on = models.DateField(_("registration date"), null=True, blank=True)
    amounts_confidential = models.BooleanField(_("amounts confidential (parties only)"), default=False)
    documents_confidential = models.BooleanField(_("documents confidential (parties only)"), default=False)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ("-created_at", "-id")
        indexes = [
            models.Index(fields=("kind", "status", "signed_on"), name="coop_agreement_register"),
            models.Index(fields=("signed_on",), name="coop_agreement_signed_on"),  # statistics by year
        ]
        constraints = [
            models.CheckConstraint(condition=Q(total_amount__gte=0), name="coop_total_not_negative"),
            models.CheckConstraint(condition=Q(technical_income__gte=0), name="coop_income_not_negative"),
            models.CheckConstraint(
                condition=Q(total_amount__isnull=True)
                | Q(technical_income__isnull=True)
                | Q(technical_income__lte=F("total_amount")),
                name="coop_income_within_total",
            ),
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="coop_term_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(status="registered")
                | (~Q(registration_number="") & Q(registered_on__isnull=False)),
                name="coop_registered_has_number",
            ),
            models.CheckConstraint(
                condition=Q(kind="technology_contract") | Q(category=""), name="coop_category_only_contracts"
            ),
        ]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self) -> str:
        return str(localize(self.title))


class AgreementParty(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="parties")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="agreement_parties")
    role = models.CharField(_("role"), max_length=20, choices=PartyRole.choices)
    registration_code = models.CharField(
        _("unified social credit code or registration number"), max_length=40, blank=True
    )

    class Meta:
        verbose_name = _("agreement party")
        verbose_name_plural = _("agreement parties")
        ordering = ("id",)
        constraints = [
            models.UniqueConstraint(fields=("agreement", "organisation"), name="coop_agreement_party_once")
        ]

    def __str__(self) -> str:
        return f"{self.agreement_id}: {self.organisation_id} ({self.role})"


class AgreementDocument(models.Model):
    """One uploaded version of the agreement's text; exactly one version is current."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="documents")
    number = models.PositiveIntegerField()
    file = models.FileField(upload_to=_random_path)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    is_current = models.BooleanField(default=True)
    uploaded_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("agreement document")
        verbose_name_plural = _("agreement documents")
        ordering = ("number",)
        constraints = [
            models.UniqueConstraint(fields=("agreement", "number"), name="coop_document_version_once"),
            models.UniqueConstraint(
                fields=("agreement",), condition=Q(is_current=True), name="coop_one_current_document"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agreement_id} v{self.number}"


class Signature(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="signatures")
    party = models.ForeignKey(AgreementParty, on_delete=models.CASCADE, related_name="signatures")
    document = models.ForeignKey(AgreementDocument, on_delete=models.PROTECT, related_name="signatures")
    signed_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    signed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ("signed_at", "id")
        constraints = [models.UniqueConstraint(fields=("party", "document"), name="coop_sign_version_once")]

    def __str__(self) -> str:
        return f"{self.party_id} signed {self.document_id}"


class AgreementTransition(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=20, choices=AgreementStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=AgreementStatus.choices)
    actor = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField(blank=True)
    at = models.DateTimeField()

    class Meta:
        verbose_name = _("agreement transition")
        verbose_name_plural = _("agreement transitions")
        ordering = ("at", "id")

    def __str__(self) -> str:
        return f"{self.agreement_id}: {self.from_status} → {self.to_status}"


class Project(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="projects")
    case = models.ForeignKey(CooperationCase, on_delete=models.PROTECT, related_name="projects")
    title = MultilingualTextField(_("title"), max_length=256, blank=False)
    status = models.CharField(
        _("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.SIGNED
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    implemented_on = models.DateField(_("implemented on"), null=True, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    abandoned_on = models.DateField(_("abandoned on"), null=True, blank=True)
    created_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ("-created_at", "-id")
        indexes = [  # statistics by year
            models.Index(fields=("signed_on",), name="coop_project_signed_on"),
            models.Index(fields=("implemented_on",), name="coop_project_implemented_on"),
        ]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self) -> str:
        return str(localize(self.title))


class ProjectTransition(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=20, choices=ProjectStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=ProjectStatus.choices)
    actor = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField(blank=True)
    at = models.DateTimeField()

    class Meta:
        verbose_name = _("project transition")
        verbose_name_plural = _("project transitions")
        ordering = ("at", "id")

    def __str__(self) -> str:
        return f"{self.project_id}: {self.from_status} → {self.to_status}"


class Milestone(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=200)
    due_on = models.DateField(_("due"))
    owner = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=10, choices=MilestoneStatus.choices, default=MilestoneStatus.OPEN)
    evidence = models.TextField(_("evidence"), blank=True, max_length=4000)
    met_on = models.DateField(null=True, blank=True)
    overdue_since = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ("due_on", "id")
        indexes = [models.Index(fields=("status", "due_on"), name="coop_milestone_due")]

    def __str__(self) -> str:
        return self.title


class ReportedFigure(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="figures")
    kind = models.CharField(_("figure"), max_length=20, choices=FigureKind.choices)
    value = models.DecimalField(_("value"), max_digits=15, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    reported_on = models.DateField(_("reported on"))
    reported_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("reported figure")
        verbose_name_plural = _("reported figures")
        ordering = ("reported_on", "id")
        constraints = [models.CheckConstraint(condition=Q(value__gte=0), name="coop_figure_not_negative")]

    def __str__(self) -> str:
        return f"{self.project_id}: {self.kind} {self.value}"
