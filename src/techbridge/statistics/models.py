"""The statistics app stores only who may read the alliance's aggregates (officials)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from techbridge.directory.models import Alliance


class Official(models.Model):
    """A government or alliance officer: reads the aggregates of an alliance, never its records."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="official")
    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="officials")
    title = models.CharField(_("position"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("official")
        verbose_name_plural = _("officials")

    def __str__(self) -> str:
        return str(self.user)
