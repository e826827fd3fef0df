from django.db import models
from django.utils.translation import gettext_lazy as _


class PartnerStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    REMOVED = "removed", _("Removed")


class RecordKind(models.TextChoices):
    """Mirrors techbridge_core.federation.activity.KINDS."""

    LISTING = "listing", _("Listing")
    EVENT = "event", _("Event")
    INSTRUMENT = "instrument", _("Instrument")


class Audience(models.TextChoices):
    """Mirrors techbridge_core.federation.activity.AUDIENCES."""

    PUBLIC = "public", _("Public")
    ALLIANCE = "alliance", _("Alliance only")


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be delivered")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Given up")
