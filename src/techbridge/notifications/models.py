"""Notifications to one user each, and each user's choice of delivery per kind.

The kind is a code registered by the app that sends it (kinds.py), not a database choice, so a new
kind needs no migration here.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from techbridge.notifications.enums import Delivery, EmailState
from techbridge.notifications.kinds import CODE_LENGTH


class Notification(models.Model):
    """An in-app notice, written in its recipient's language; its e-mail goes out by a job or a digest."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=CODE_LENGTH)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"))
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    email_state = models.CharField(
        _("e-mail"), max_length=10, choices=EmailState.choices, default=EmailState.NONE
    )
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")
        indexes = [
            models.Index(fields=("recipient", "read_at"), name="notice_unread"),
            models.Index(fields=("email_state", "created_at"), name="notice_email_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(email_state__in=EmailState.values), name="notice_email_state_known"
            ),
        ]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return self.subject


class NotificationPreference(models.Model):
    """A user's choice for one kind; without a row the kind's registered default applies."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(_("kind"), max_length=CODE_LENGTH)
    delivery = models.CharField(_("delivery"), max_length=10, choices=Delivery.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("user", "kind"), name="notification_preference_once"),
            models.CheckConstraint(
                condition=models.Q(delivery__in=Delivery.values), name="notification_preference_known"
            ),
        ]
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.kind} → {self.delivery}"
