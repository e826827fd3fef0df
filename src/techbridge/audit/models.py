"""The audit log: who did what security-relevant thing, when and from where. Rows are only ever
added (by receivers and the middleware) and deleted by the retention job, never edited."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from techbridge.audit.enums import AuditKind


class AuditEvent(models.Model):
    kind = models.CharField(_("what"), max_length=40, choices=AuditKind.choices, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The actor's address at the time (kept when the account is deleted), or the address tried.
    actor_label = models.CharField(_("account"), max_length=254, blank=True)
    target = models.CharField(_("object"), max_length=200, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    address = models.CharField(_("client address"), max_length=45, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("when"), db_index=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.kind} {self.actor_label}"
