"""Who runs an event: the operators of its organising centres, its named organisers, platform admins."""

from __future__ import annotations

from django.db.models import Q

from techbridge.directory.roles import AnyUser, is_platform_admin, operated_centre_ids
from techbridge.events.models import Event


def organiser_filter(user: AnyUser) -> Q:
    """Events the user organises, as a filter on Event (empty Q-negation for nobody)."""
    if is_platform_admin(user):
        return Q()
    if not user.is_authenticated:
        return Q(pk__in=[])
    return Q(organisers=user) | Q(organising_centres__in=operated_centre_ids(user))


def organised_event_ids(user: AnyUser) -> frozenset[int]:
    if not user.is_authenticated:
        return frozenset()
    cached: frozenset[int] | None = getattr(user, "_organised_event_ids", None)
    if cached is None:
        cached = frozenset(Event.objects.filter(organiser_filter(user)).values_list("pk", flat=True))
        setattr(user, "_organised_event_ids", cached)  # noqa: B010 - a per-request cache on the user
    return cached


def is_organiser(user: AnyUser, event: Event) -> bool:
    return event.pk in organised_event_ids(user)


def forget_event_roles(user: AnyUser) -> None:
    if hasattr(user, "_organised_event_ids"):
        delattr(user, "_organised_event_ids")
