from django.db import models
from django.utils.translation import gettext_lazy as _


class Delivery(models.TextChoices):
    """How a user hears about one kind of notification."""

    IN_APP = "in_app", _("In the app only")
    EMAIL = "email", _("In the app and by e-mail")
    DIGEST = "digest", _("In the app and in a daily e-mail digest")
    OFF = "off", _("Not at all")


class EmailState(models.TextChoices):
    """Where a notification's e-mail stands."""

    NONE = "none", _("No e-mail")
    QUEUED = "queued", _("E-mail queued")
    DIGEST = "digest", _("Waiting for the daily digest")
    SENT = "sent", _("E-mail sent")
