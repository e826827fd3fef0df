"""Event pages: the programme side (programme, registration, badges, check-in, exhibitions) and the
B2B side (catalogue, meeting requests, schedules, agendas, outcomes, dashboard) in their own modules."""

from django.urls import include, path

app_name = "events"

urlpatterns = [
    path("", include("techbridge.events.programme_urls")),
    path("", include("techbridge.events.b2b_urls")),
]
