"""Who runs an event: the operators of its organising centres, its named organisers, platform admins."""

from __future__ import annotations

from django.db.models import Q

from techbridge.common.request_cache import role_answer
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
    return role_answer(
        user,
        "organised_event_ids",
        lambda: frozenset(Event.objects.filter(organiser_filter(user)).values_list("pk", flat=True)),
    )


def is_organiser(user: AnyUser, event: Event) -> bool:
    return event.pk in organised_event_ids(user)
