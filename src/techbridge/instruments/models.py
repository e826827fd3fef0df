"""Shared large instruments: facilities, instruments, their rules and rates, bookings and charges.

Thin models: the rules live in techbridge_core.booking (called from domain/), and the database
itself refuses two active bookings of one seat at once (migration 0002, docs/decisions/0008).
"""

from __future__ import annotations

from datetime import time
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from techbridge.common.multilingual import MultilingualTextField, localize, searchable_text
from techbridge.directory.models import Alliance, Organisation
from techbridge.instruments.enums import (
    BookingMode,
    BookingStatus,
    ChargeUnit,
    InstrumentStatus,
    UserCategory,
    WaitingStatus,
)
from techbridge.instruments.validators import (
    validate_granularity,
    validate_time_zone,
    validate_weekdays,
)


def validate_category_list(value: object) -> None:
    known = set(UserCategory.values)
    if not isinstance(value, list) or not all(item in known for item in value):
        raise ValidationError(_("Unknown user category."), code="invalid")


def _default_weekdays() -> list[int]:
    return [0, 1, 2, 3, 4]


def _default_approval() -> list[str]:
    return [UserCategory.ALLIANCE_MEMBER.value, UserCategory.EXTERNAL_ENTERPRISE.value]


class InstrumentCategory(models.Model):
    """The national classification of large scientific instruments used by sharing platforms."""

    code = models.CharField(max_length=10, unique=True)
    name = MultilingualTextField(_("name"))
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        ordering = ("code",)
        verbose_name = _("instrument category")
        verbose_name_plural = _("instrument categories")

    def __str__(self) -> str:
        return f"{self.code} {localize(self.name)}"


class Facility(models.Model):
    """A core facility (shared laboratory) of an organisation, with its own managers and clock."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="facilities")
    name = MultilingualTextField(_("name"), max_length=200, blank=False)
    description = MultilingualTextField(_("description"), max_length=4000, rich=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Asia/Shanghai", validators=[validate_time_zone]
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    is_public = models.BooleanField(
        _("public"), default=True, help_text=_("Shown in the alliance catalogue to everyone.")
    )
    internal_notes = models.TextField(_("internal notes"), blank=True)

    class Meta:
        ordering = ("id",)
        verbose_name = _("facility")
        verbose_name_plural = _("facilities")

    def __str__(self) -> str:
        return str(localize(self.name))


class FacilityManager(models.Model):
    facility = models.ForeignKey(Facility, on_delete=models.CASCADE, related_name="managers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="managed_facilities"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=("facility", "user"), name="facility_manager_unique")]
        verbose_name = _("facility manager")
        verbose_name_plural = _("facility managers")

    def __str__(self) -> str:
        return f"{self.user} @ {self.facility}"


class Instrument(models.Model):
    facility = models.ForeignKey(Facility, on_delete=models.CASCADE, related_name="instruments")
    category = models.ForeignKey(InstrumentCategory, on_delete=models.PROTECT, related_name="instruments")
    name = MultilingualTextField(_("name"), max_length=200, blank=False)
    model_number = models.CharField(_("model"), max_length=100, blank=True)
    manufacturer = models.CharField(_("manufacturer"), max_length=100, blank=True)
    location = models.CharField(_("location (building, room)"), max_length=200, blank=True)
    description = MultilingualTextField(_("description"), max_length=4000, rich=True)
    parameters = MultilingualTextField(_("technical parameters"), max_length=4000, rich=True)
    services = MultilingualTextField(_("services offered"), max_length=2000, rich=True)
    sample_requirements = MultilingualTextField(_("sample requirements"), max_length=2000, rich=True)
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=InstrumentStatus.choices, default=InstrumentStatus.AVAILABLE
    )
    internal_notes = models.TextField(_("internal notes"), blank=True)
    shared_with_alliance = models.BooleanField(
        _("shared with the alliance"),
        default=False,
        help_text=_(
            "The catalogue entry also appears at the alliance's partner installations (only for an "
            "instrument of a public facility that is not retired)."
        ),
    )
    # Booking rules (turned into techbridge_core.booking.InstrumentPolicy by domain/policies.py).
    capacity = models.PositiveSmallIntegerField(
        _("parallel bookings"), default=1, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    granularity_minutes = models.PositiveSmallIntegerField(
        _("slot length (minutes)"), default=30, validators=[validate_granularity]
    )
    min_duration_minutes = models.PositiveIntegerField(_("shortest booking (minutes)"), default=30)
    max_duration_minutes = models.PositiveIntegerField(_("longest booking (minutes)"), null=True, blank=True)
    lead_time_minutes = models.PositiveIntegerField(_("book at least this long before (minutes)"), default=0)
    horizon_days = models.PositiveSmallIntegerField(_("book at most this many days ahead"), default=90)
    user_daily_minutes = models.PositiveIntegerField(_("per user and day (minutes)"), null=True, blank=True)
    user_weekly_minutes = models.PositiveIntegerField(_("per user and week (minutes)"), null=True, blank=True)
    organisation_daily_minutes = models.PositiveIntegerField(
        _("per organisation and day (minutes)"), null=True, blank=True
    )
    organisation_weekly_minutes = models.PositiveIntegerField(
        _("per organisation and week (minutes)"), null=True, blank=True
    )
    opens_at = models.TimeField(_("opens at"), default=time(8))
    closes_at = models.TimeField(_("closes at"), default=time(20), help_text=_("00:00 means midnight."))
    open_weekdays = models.JSONField(
        _("open on weekdays"), default=_default_weekdays, validators=[validate_weekdays]
    )
    approval_for = models.JSONField(
        _("approval needed for"), default=_default_approval, blank=True, validators=[validate_category_list]
    )
    required_qualification = models.CharField(
        _("training needed for self-service"), max_length=60, blank=True
    )
    self_service_allowed = models.BooleanField(_("self-service offered"), default=True)
    operated_available = models.BooleanField(_("operation by staff offered"), default=True)
    operated_needs_approval = models.BooleanField(_("staff confirm operated bookings"), default=True)
    free_cancellation_hours = models.PositiveIntegerField(
        _("free cancellation until (hours before)"), default=24
    )
    currency = models.CharField(_("currency"), max_length=3, default="CNY")
    late_cancellation_percent = models.DecimalField(
        _("late cancellation charge (%)"), max_digits=5, decimal_places=2, default=100
    )
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("id",)
        indexes = [models.Index(fields=("status",))]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1), name="instrument_capacity_positive"),
        ]
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")

    def __str__(self) -> str:
        return str(localize(self.name))

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = searchable_text(self.name, self.model_number, self.manufacturer, self.description)
        super().save(*args, **kwargs)


class InstrumentPhoto(models.Model):
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(
        _("photo"),
        upload_to="instruments/%Y/",
        validators=[FileExtensionValidator(["png", "jpg", "jpeg", "webp"])],
    )
    caption = MultilingualTextField(_("caption"), max_length=200)

    class Meta:
        ordering = ("id",)
        verbose_name = _("instrument photo")
        verbose_name_plural = _("instrument photos")

    def __str__(self) -> str:
        return str(localize(self.caption)) or str(self.image.name)


class Rate(models.Model):
    """One line of an instrument's rate card: the price for one user category."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="rates")
    category = models.CharField(_("user category"), max_length=30, choices=UserCategory.choices)
    unit = models.CharField(_("unit"), max_length=10, choices=ChargeUnit.choices, default=ChargeUnit.HOUR)
    price = models.DecimalField(_("price"), max_digits=10, decimal_places=2)

    class Meta:
        constraints = [models.UniqueConstraint(fields=("instrument", "category"), name="rate_unique")]
        verbose_name = _("rate")
        verbose_name_plural = _("rates")

    def __str__(self) -> str:
        return f"{self.category}: {self.price} {self.unit}"


class Blackout(models.Model):
    """Maintenance or calibration: nobody may book the instrument then."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="blackouts")
    start = models.DateTimeField(_("from"))
    end = models.DateTimeField(_("until"))
    label = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        ordering = ("start",)
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="blackout_end_after_start")
        ]
        verbose_name = _("blackout")
        verbose_name_plural = _("blackouts")

    def __str__(self) -> str:
        return f"{self.start:%Y-%m-%d %H:%M} {self.label}"


class Qualification(models.Model):
    """A user trained for instruments that require `code` before self-service use."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="instrument_qualifications"
    )
    code = models.CharField(_("training"), max_length=60)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=("user", "code"), name="qualification_unique")]
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")

    def __str__(self) -> str:
        return f"{self.user} {self.code}"


class SubsidyScheme(models.Model):
    """A voucher or subsidy programme paying back a share of eligible fees, within a budget."""

    slug = models.SlugField(unique=True)
    name = MultilingualTextField(_("name"), max_length=200, blank=False)
    alliance = models.ForeignKey(
        Alliance, null=True, blank=True, on_delete=models.SET_NULL, related_name="subsidy_schemes"
    )
    percent = models.DecimalField(
        _("share paid back (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    budget_cap = models.DecimalField(_("budget"), max_digits=14, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, default="CNY")
    eligible_categories = models.JSONField(
        _("eligible user categories"), default=list, validators=[validate_category_list]
    )
    covers_late_cancellation = models.BooleanField(_("covers late cancellations"), default=False)
    is_active = models.BooleanField(_("open for new bookings"), default=True)

    class Meta:
        ordering = ("slug",)
        verbose_name = _("subsidy scheme")
        verbose_name_plural = _("subsidy schemes")

    def __str__(self) -> str:
        return str(localize(self.name))


class Booking(models.Model):
    """A reserved time window. `seat` < instrument.capacity; two active bookings of one seat never
    overlap (PostgreSQL exclusion constraint / SQLite triggers, migration 0002)."""

    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="bookings")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="bookings")
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="instrument_bookings"
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    seat = models.PositiveSmallIntegerField(default=0)
    status = models.CharField(
        _("status"), max_length=20, choices=BookingStatus.choices, default=BookingStatus.PENDING
    )
    mode = models.CharField(
        _("mode"), max_length=20, choices=BookingMode.choices, default=BookingMode.SELF_SERVICE
    )
    category = models.CharField(_("user category"), max_length=30, choices=UserCategory.choices)
    samples = models.PositiveIntegerField(_("number of samples"), default=0)
    purpose = models.CharField(_("purpose"), max_length=500, blank=True)
    scheme = models.ForeignKey(
        SubsidyScheme, null=True, blank=True, on_delete=models.PROTECT, related_name="bookings"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(_("note"), max_length=500, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    late_cancellation = models.BooleanField(default=False)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    checked_out_at = models.DateTimeField(_("checked out"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("start", "id")
        indexes = [
            models.Index(fields=("instrument", "start")),
            models.Index(fields=("user", "start")),
            models.Index(fields=("status",)),
            models.Index(fields=("start",), name="booking_start"),  # statistics by year
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="booking_end_after_start"),
        ]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")

    def __str__(self) -> str:
        return f"{self.instrument} {self.start:%Y-%m-%d %H:%M}"


class WaitingListEntry(models.Model):
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="waiting_list")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    mode = models.CharField(max_length=20, choices=BookingMode.choices, default=BookingMode.SELF_SERVICE)
    status = models.CharField(max_length=20, choices=WaitingStatus.choices, default=WaitingStatus.WAITING)
    booking = models.OneToOneField(
        Booking, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("joined_at", "id")
        verbose_name = _("waiting-list entry")
        verbose_name_plural = _("waiting-list entries")

    def __str__(self) -> str:
        return f"{self.user} {self.start:%Y-%m-%d %H:%M}"


class Charge(models.Model):
    """A billed booking: one statement line, produced by techbridge_core.booking.fees."""

    booking = models.OneToOneField(Booking, on_delete=models.PROTECT, related_name="charge")
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="instrument_charges"
    )
    month = models.DateField(help_text="First day of the month the booking started in (UTC).")
    unit = models.CharField(max_length=10, choices=ChargeUnit.choices)
    quantity = models.DecimalField(max_digits=10, decimal_places=2)
    unit_price = models.DecimalField(max_digits=10, decimal_places=2)
    gross = models.DecimalField(max_digits=12, decimal_places=2)
    subsidy = models.DecimalField(max_digits=12, decimal_places=2)
    net = models.DecimalField(max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=3)
    scheme = models.ForeignKey(
        SubsidyScheme, null=True, blank=True, on_delete=models.PROTECT, related_name="charges"
    )
    notes = models.JSONField(default=list, blank=True)
    billed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("booking__start", "id")
        indexes = [models.Index(fields=("organisation", "month"))]
        verbose_name = _("charge")
        verbose_name_plural = _("charges")

    def __str__(self) -> str:
        return f"{self.booking_id}: {self.net} {self.currency}"


class CalendarSettings(models.Model):
    """The secret of a user's personal iCal feed (their display zone is the account's)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="instrument_calendar"
    )
    feed_token = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("calendar settings")
        verbose_name_plural = _("calendar settings")

    def __str__(self) -> str:
        return f"{self.user}"
