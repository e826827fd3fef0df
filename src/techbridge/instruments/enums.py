from django.db import models
from django.utils.translation import gettext_lazy as _


class InstrumentStatus(models.TextChoices):
    AVAILABLE = "available", _("Available")
    MAINTENANCE = "maintenance", _("Under maintenance")
    RETIRED = "retired", _("Retired")


class BookingStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Cancelled")


ACTIVE_STATUSES = (BookingStatus.PENDING, BookingStatus.CONFIRMED)
"""Bookings that hold their time: the database refuses two of them on one seat at once."""


class BookingMode(models.TextChoices):
    SELF_SERVICE = "self_service", _("Self-service (I operate it myself)")
    OPERATED = "operated", _("Operated by the facility's staff")


class UserCategory(models.TextChoices):
    INTERNAL = "internal", _("Internal user")
    ALLIANCE_MEMBER = "alliance_member", _("Alliance member")
    EXTERNAL_ENTERPRISE = "external_enterprise", _("External enterprise")


class ChargeUnit(models.TextChoices):
    HOUR = "hour", _("per hour")
    SAMPLE = "sample", _("per sample")


class WaitingStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    PROMOTED = "promoted", _("Booked from the waiting list")
    WITHDRAWN = "withdrawn", _("Withdrawn")
