from django.db import models
from django.utils.translation import gettext_lazy as _


class FeedbackKind(models.TextChoices):
    GOOD = "good", _("Good match")
    NOT_RELEVANT = "not_relevant", _("Not relevant")
    NEVER_THIS_ORGANISATION = "never_organisation", _("Never this organisation")


class DecisionKind(models.TextChoices):
    PIN = "pin", _("Pinned by the broker")
    VETO = "veto", _("Vetoed by the broker")
