"""Django admin of events. Staff who are not superusers see only the events they organise and
what belongs to them (the same rule as the events' permission funnel)."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from techbridge.directory.roles import is_platform_admin
from techbridge.events import models
from techbridge.events.roles import organised_event_ids


class EventScopedAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    event_path: ClassVar[str] = "event"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)
        if is_platform_admin(request.user):
            return queryset
        return queryset.filter(**{f"{self.event_path}__in": organised_event_ids(request.user)})

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None) -> Any:
        # The links to other rows (event, registration, ...) would accept any id: fixed for organisers.
        fields = tuple(super().get_readonly_fields(request, obj))
        if is_platform_admin(request.user):
            return fields
        return fields + tuple(self.raw_id_fields) + tuple(self.filter_horizontal)

    def has_add_permission(self, request: HttpRequest) -> bool:
        # New rows would need their event chosen among all events; platform admins only.
        return is_platform_admin(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return is_platform_admin(request.user) or (
            obj is not None and super().has_delete_permission(request, obj)
        )


@admin.register(models.Event)
class EventAdmin(EventScopedAdmin):
    event_path = "pk"
    list_display = ("slug", "status", "starts_on", "ends_on", "city", "registration_open", "b2b_enabled")
    list_filter = ("status", "b2b_enabled")
    search_fields = ("slug",)
    filter_horizontal = ("organising_centres", "co_organisers", "organisers")


@admin.register(models.Venue)
class VenueAdmin(EventScopedAdmin):
    list_display = ("id", "event", "city", "country")
    raw_id_fields = ("event",)


@admin.register(models.Room)
class RoomAdmin(EventScopedAdmin):
    event_path = "venue__event"
    list_display = ("id", "venue", "capacity")
    raw_id_fields = ("venue",)


@admin.register(models.Activity)
class ActivityAdmin(EventScopedAdmin):
    list_display = ("id", "event", "kind", "starts_at", "ends_at", "mode")
    list_filter = ("kind", "mode")
    raw_id_fields = ("event", "room")


@admin.register(models.Speaker)
class SpeakerAdmin(EventScopedAdmin):
    event_path = "activity__event"
    list_display = ("name", "activity", "role")
    raw_id_fields = ("activity", "person")


@admin.register(models.Registration)
class RegistrationAdmin(EventScopedAdmin):
    list_display = ("id", "event", "user", "category", "status", "country", "b2b", "remote", "checked_in_at")
    list_filter = ("status", "category", "b2b", "remote")
    raw_id_fields = ("event", "user", "organisation", "decided_by")
    filter_horizontal = ("listings", "b2b_sessions")


@admin.register(models.CheckIn)
class CheckInAdmin(EventScopedAdmin):
    event_path = "registration__event"
    list_display = ("id", "registration", "activity", "at")
    raw_id_fields = ("registration", "activity", "by")


@admin.register(models.ExhibitionArea)
class ExhibitionAreaAdmin(EventScopedAdmin):
    list_display = ("id", "event", "order")
    raw_id_fields = ("event", "activity")


@admin.register(models.Booth)
class BoothAdmin(EventScopedAdmin):
    event_path = "area__event"
    list_display = ("code", "area", "organisation")
    raw_id_fields = ("area", "organisation")


@admin.register(models.Showcase)
class ShowcaseAdmin(EventScopedAdmin):
    event_path = "area__event"
    list_display = ("id", "area", "listing", "presented_at")
    raw_id_fields = ("area", "booth", "listing", "presenter")


@admin.register(models.MeetingSession)
class MeetingSessionAdmin(EventScopedAdmin):
    list_display = ("id", "event", "starts_at", "slots", "tables")
    raw_id_fields = ("event", "activity")


@admin.register(models.MeetingRequest)
class MeetingRequestAdmin(EventScopedAdmin):
    list_display = ("id", "event", "requester", "recipient", "status")
    list_filter = ("status",)
    raw_id_fields = ("event", "requester", "recipient", "listing", "arranged_by")


@admin.register(models.Meeting)
class MeetingAdmin(EventScopedAdmin):
    list_display = ("public_id", "event", "first", "second", "status", "starts_at", "table")
    list_filter = ("status",)
    raw_id_fields = ("event", "first", "second", "session", "request", "interest")


@admin.register(models.MeetingSeat)
class MeetingSeatAdmin(EventScopedAdmin):
    event_path = "meeting__event"
    list_display = ("id", "meeting", "registration", "starts_at")
    raw_id_fields = ("meeting", "registration")


@admin.register(models.MeetingOutcome)
class MeetingOutcomeAdmin(EventScopedAdmin):
    event_path = "meeting__event"
    list_display = ("id", "meeting", "registration", "outcome", "other_party_no_show")
    raw_id_fields = ("meeting", "registration")


@admin.register(models.ScheduleRun)
class ScheduleRunAdmin(EventScopedAdmin):
    list_display = ("id", "event", "kind", "status", "progress", "created_at", "published_at")
    list_filter = ("status", "kind")
    raw_id_fields = ("event",)
    readonly_fields = ("placements", "figures")


@admin.register(models.BlockedTime)
class BlockedTimeAdmin(EventScopedAdmin):
    event_path = "registration__event"
    list_display = ("id", "registration", "starts_at", "ends_at")
    raw_id_fields = ("registration",)
