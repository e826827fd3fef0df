from django.contrib import admin

from techbridge.notifications.models import Notification, NotificationPreference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("subject", "recipient", "kind", "created_at", "read_at", "email_state")
    list_filter = ("kind", "email_state")
    search_fields = ("subject", "recipient__email")
    raw_id_fields = ("recipient",)


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("user", "kind", "delivery")
    list_filter = ("kind", "delivery")
    raw_id_fields = ("user",)
