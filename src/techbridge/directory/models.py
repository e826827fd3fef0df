"""The directory: who is who in the alliance. Thin models; rules live in access.py and domain/."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from techbridge.common.multilingual import MultilingualTextField, localize, searchable_text
from techbridge.directory.enums import (
    CentreRole,
    Mobility,
    OrganisationKind,
    OrganisationRole,
    ProfileVisibility,
    QualificationRecognition,
    RequestStatus,
)
from techbridge.directory.validators import validate_country, validate_language_list, validate_phone


class TechnologyField(models.Model):
    """OECD Fields of Research and Development (FORD, Frascati Manual 2015)."""

    code = models.CharField(max_length=8, unique=True)
    name = MultilingualTextField(_("name"))
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        ordering = ("code",)
        verbose_name = _("technology field")
        verbose_name_plural = _("technology fields")

    def __str__(self) -> str:
        return f"{self.code} {localize(self.name)}"


class Industry(models.Model):
    """NACE Rev. 2 sections (the EU's statistical classification of economic activities)."""

    code = models.CharField(max_length=4, unique=True)
    name = MultilingualTextField(_("name"))

    class Meta:
        ordering = ("code",)
        verbose_name = _("industry")
        verbose_name_plural = _("industries")

    def __str__(self) -> str:
        return f"{self.code} {localize(self.name)}"


class Alliance(models.Model):
    slug = models.SlugField(unique=True)
    name = MultilingualTextField(_("name"), max_length=200, blank=False)
    description = MultilingualTextField(_("description"), max_length=4000, rich=True)
    # Listings of a member centre without an active broker are reviewed here instead.
    coordinating_centre = models.ForeignKey(
        "Centre",
        verbose_name=_("coordinating centre"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coordinated_alliances",
    )

    class Meta:
        verbose_name = _("alliance")
        verbose_name_plural = _("alliances")

    def __str__(self) -> str:
        return str(localize(self.name))


class Centre(models.Model):
    """A technology transfer centre; several centres form an alliance and share listings."""

    slug = models.SlugField(unique=True)
    name = MultilingualTextField(_("name"), max_length=200, blank=False)
    description = MultilingualTextField(_("description"), max_length=4000, rich=True)
    alliance = models.ForeignKey(
        Alliance, null=True, blank=True, on_delete=models.SET_NULL, related_name="centres"
    )
    country = models.CharField(_("country"), max_length=2, validators=[validate_country])
    city = models.CharField(_("city"), max_length=100)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ("slug",)
        verbose_name = _("centre")
        verbose_name_plural = _("centres")

    def __str__(self) -> str:
        return str(localize(self.name))


class Branch(models.Model):
    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="branches")
    name = MultilingualTextField(_("name"), max_length=200, blank=False)
    country = models.CharField(_("country"), max_length=2, validators=[validate_country])
    city = models.CharField(_("city"), max_length=100)
    address = models.CharField(_("address"), max_length=300, blank=True)

    class Meta:
        ordering = ("centre", "id")
        verbose_name = _("branch")
        verbose_name_plural = _("branches")

    def __str__(self) -> str:
        return str(localize(self.name))


class CentreOperator(models.Model):
    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="operators")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="centre_roles")
    role = models.CharField(max_length=20, choices=CentreRole.choices, default=CentreRole.OPERATOR)

    class Meta:
        constraints = [models.UniqueConstraint(fields=("centre", "user"), name="centre_operator_unique")]
        verbose_name = _("centre operator")
        verbose_name_plural = _("centre operators")

    def __str__(self) -> str:
        return f"{self.user} @ {self.centre}"


class Organisation(models.Model):
    name = MultilingualTextField(_("name"), max_length=200, blank=False)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    kind = models.CharField(_("type"), max_length=30, choices=OrganisationKind.choices)
    country = models.CharField(_("country"), max_length=2, validators=[validate_country])
    region = models.CharField(_("region"), max_length=100, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = MultilingualTextField(_("description"), max_length=4000, rich=True)
    logo = models.ImageField(
        _("logo"),
        upload_to="logos/%Y/",
        blank=True,
        validators=[FileExtensionValidator(["png", "jpg", "jpeg", "webp"])],
    )
    centre = models.ForeignKey(
        Centre, null=True, blank=True, on_delete=models.SET_NULL, related_name="member_organisations"
    )
    technology_fields = models.ManyToManyField(TechnologyField, blank=True, related_name="organisations")
    industries = models.ManyToManyField(Industry, blank=True, related_name="organisations")
    is_published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Approved by a centre operator and shown in the directory."),
    )
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("id",)
        indexes = [models.Index(fields=("is_published", "country")), models.Index(fields=("kind",))]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return str(localize(self.name))

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = searchable_text(self.name, self.short_name, self.city, self.region)
        super().save(*args, **kwargs)


class Membership(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=OrganisationRole.choices, default=OrganisationRole.MEMBER)

    class Meta:
        constraints = [models.UniqueConstraint(fields=("organisation", "user"), name="membership_unique")]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation}"


class Person(models.Model):
    """A person in the directory: a signed-in user's public profile, or a contact kept by a broker."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="person"
    )
    full_name = models.CharField(_("full name"), max_length=150)
    position = MultilingualTextField(_("position"), max_length=200)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    country = models.CharField(_("country"), max_length=2, blank=True, validators=[validate_country])
    city = models.CharField(_("city"), max_length=100, blank=True)
    biography = MultilingualTextField(_("biography"), max_length=4000, rich=True)
    languages = models.JSONField(
        _("languages spoken"), default=list, blank=True, validators=[validate_language_list]
    )
    visibility = models.CharField(
        _("who can see this profile"),
        max_length=20,
        choices=ProfileVisibility.choices,
        default=ProfileVisibility.MEMBERS,
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True, validators=[validate_phone])
    share_email_with_partners = models.BooleanField(
        _("show my e-mail address to partners"),
        default=True,
        help_text=_("Once an expression of interest is accepted, the other side sees it."),
    )
    share_phone_with_partners = models.BooleanField(
        _("show my phone number to partners"),
        default=False,
        help_text=_("Once an expression of interest is accepted, the other side sees it."),
    )
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("id",)
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = searchable_text(self.full_name, self.position, self.city)
        super().save(*args, **kwargs)


class ExpertProfile(models.Model):
    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="expert_profile")
    expertise = MultilingualTextField(_("expertise"), max_length=2000)
    technology_fields = models.ManyToManyField(TechnologyField, blank=True, related_name="experts")
    qualifications = MultilingualTextField(_("qualifications"), max_length=2000)
    recognition = models.CharField(
        _("recognition of qualifications"),
        max_length=20,
        choices=QualificationRecognition.choices,
        default=QualificationRecognition.NOT_SUBMITTED,
    )
    mobility = models.CharField(
        _("openness to mobility"), max_length=20, choices=Mobility.choices, default=Mobility.NONE
    )

    class Meta:
        verbose_name = _("expert profile")
        verbose_name_plural = _("expert profiles")

    def __str__(self) -> str:
        return f"{self.person} ({_('expert')})"


class OrganisationEmailDomain(models.Model):
    """An e-mail domain an organisation declares as its own; once a broker verifies it, users
    who confirm an address at that domain join the organisation automatically."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="email_domains")
    domain = models.CharField(_("e-mail domain"), max_length=253, unique=True)
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("domain",)
        verbose_name = _("organisation e-mail domain")
        verbose_name_plural = _("organisation e-mail domains")

    def __str__(self) -> str:
        return self.domain


class JoinRequest(models.Model):
    """A user asks to become a member of an organisation; its administrators decide."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="join_requests")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="join_requests")
    message = models.TextField(_("message"), max_length=2000, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    reason = models.TextField(_("reason"), max_length=2000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ("-created_at", "-id")
        constraints = [
            models.UniqueConstraint(
                fields=("organisation", "user"),
                condition=models.Q(status="pending"),
                name="join_request_one_pending",
            )
        ]
        verbose_name = _("join request")
        verbose_name_plural = _("join requests")

    def __str__(self) -> str:
        return f"{self.user} → {self.organisation}"


class OrganisationProposal(models.Model):
    """A user proposes a new organisation; a broker of the chosen centre approves or declines it."""

    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organisation_proposals"
    )
    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="organisation_proposals")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=30, choices=OrganisationKind.choices)
    country = models.CharField(_("country"), max_length=2, validators=[validate_country])
    city = models.CharField(_("city"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    message = models.TextField(_("message"), max_length=2000, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    reason = models.TextField(_("reason"), max_length=2000, blank=True)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ("-created_at", "-id")
        verbose_name = _("organisation proposal")
        verbose_name_plural = _("organisation proposals")

    def __str__(self) -> str:
        return self.name
