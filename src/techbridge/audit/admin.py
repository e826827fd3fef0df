"""The audit log in the admin site: read-only, and only for platform administrators."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from techbridge.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin[AuditEvent]):
    list_display = ("created_at", "kind", "actor_label", "target", "address")
    list_filter = ("kind",)
    search_fields = ("actor_label", "target", "address")
    date_hierarchy = "created_at"
    readonly_fields = (
        "kind",
        "actor",
        "actor_label",
        "target",
        "details",
        "address",
        "user_agent",
        "created_at",
    )

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)

    def has_view_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False
