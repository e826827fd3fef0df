"""The only way views fetch notifications: a user sees their own, nobody else's."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from techbridge.accounts.models import User
from techbridge.notifications.models import Notification


def visible_notifications(user: User | AnonymousUser) -> QuerySet[Notification]:
    if not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user)


def unread_count(user: User | AnonymousUser) -> int:
    return visible_notifications(user).filter(read_at__isnull=True).count() if user.is_authenticated else 0
