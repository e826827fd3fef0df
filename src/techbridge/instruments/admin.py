"""Admin for platform administrators only: operators with is_staff must not browse other
facilities' bookings here (reliability guide §5.8); they use the facility desk instead."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from techbridge.instruments import models


class SuperuserOnly(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self.has_module_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)


class RateInline(admin.TabularInline):  # type: ignore[type-arg]
    model = models.Rate
    extra = 0


class BlackoutInline(admin.TabularInline):  # type: ignore[type-arg]
    model = models.Blackout
    extra = 0


@admin.register(models.Instrument)
class InstrumentAdmin(SuperuserOnly):
    list_display = ("id", "__str__", "facility", "category", "status", "capacity")
    list_filter = ("status", "category")
    search_fields = ("search_text",)
    raw_id_fields = ("facility",)
    inlines = (RateInline, BlackoutInline)


@admin.register(models.Booking)
class BookingAdmin(SuperuserOnly):
    list_display = ("id", "instrument", "user", "start", "end", "status", "category")
    list_filter = ("status", "category", "mode")
    raw_id_fields = ("instrument", "user", "organisation", "decided_by")


for model in (
    models.InstrumentCategory,
    models.Facility,
    models.FacilityManager,
    models.Qualification,
    models.SubsidyScheme,
    models.WaitingListEntry,
    models.Charge,
):
    admin.site.register(model, SuperuserOnly)
