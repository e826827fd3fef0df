from django.urls import path

from techbridge.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("read/", views.mark_all_read, name="read"),
    path("settings/", views.preferences, name="preferences"),
    path("stop/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
