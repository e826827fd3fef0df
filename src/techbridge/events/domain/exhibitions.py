"""Exhibitions: achievements (offer listings) showcased in areas, and the live online showcase."""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet

from techbridge.directory.roles import AnyUser
from techbridge.events.enums import RegistrationStatus
from techbridge.events.models import Event, ExhibitionArea, Registration, Showcase
from techbridge.market.access import visible_listings, with_owner_visibility


def visible_showcases(user: AnyUser, event: Event) -> QuerySet[Showcase]:
    """Only achievements whose listing the viewer may see in the market."""
    return (
        Showcase.objects.filter(area__event=event, listing__in=visible_listings(user))
        .select_related("area", "booth", "listing", "presenter")
        .order_by("area__order", "area_id", "order", "id")
    )


def areas_with_showcases(user: AnyUser, event: Event) -> list[tuple[ExhibitionArea, list[Showcase]]]:
    showcases = list(visible_showcases(user, event))
    areas = ExhibitionArea.objects.filter(event=event).prefetch_related("booths__organisation")
    return [(area, [item for item in showcases if item.area_id == area.pk]) for area in areas]


def live_showcases(user: AnyUser, event: Event) -> QuerySet[Showcase]:
    return visible_showcases(user, event).filter(presented_at__isnull=False).order_by("presented_at", "id")


def do_mark_presented(*, showcase: Showcase, presented: bool, now: datetime) -> Showcase:
    showcase.presented_at = now if presented else None
    showcase.save(update_fields=["presented_at"])
    return showcase


def presenters_by_listing(event: Event, listing_ids: list[int]) -> dict[int, int]:
    """Approved participants who brought the listing to the event: they present it when nobody is named
    (the first to register wins)."""
    rows = (
        Registration.objects.filter(event=event, status=RegistrationStatus.APPROVED, listings__in=listing_ids)
        .order_by("-created_at", "-pk")
        .values_list("listings", "pk")
    )
    return dict(rows)


def owner_visible_listing_ids(user: AnyUser, listing_ids: list[int]) -> frozenset[int]:
    """Of these listings, those whose owner the user may know (not anonymous to them)."""
    listings = with_owner_visibility(visible_listings(user).filter(pk__in=listing_ids), user)
    return frozenset(
        listing.pk for listing in listings.only("pk") if getattr(listing, "owner_visible", False)
    )
