from django.contrib import admin

from techbridge.federation.models import OutboxMessage, Partner, RemoteRecord


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin[Partner]):
    list_display = ("name", "url", "status", "error_count", "last_sync_at")
    list_filter = ("status",)
    readonly_fields = ("error_count", "last_error", "last_error_at", "last_sync_at", "cursor", "proxy_user")


@admin.register(RemoteRecord)
class RemoteRecordAdmin(admin.ModelAdmin[RemoteRecord]):
    """Read-only: a remote record is changed by its origin only."""

    list_display = ("remote_id", "partner", "kind", "audience", "version", "deleted", "fetched_at")
    list_filter = ("kind", "deleted", "partner")

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin[OutboxMessage]):
    list_display = ("public_id", "partner", "status", "attempts", "next_attempt_at", "last_error")
    list_filter = ("status",)
