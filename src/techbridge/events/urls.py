"""Event pages: the programme side (programme, registration, badges, check-in, exhibitions) and the
B2B side (catalogue, meeting requests, outcomes, dashboard) and the scheduling side (scheduler runs,
review, publication, personal agendas) in their own modules."""

from django.urls import include, path

app_name = "events"

urlpatterns = [
    path("", include("techbridge.events.programme_urls")),
    path("", include("techbridge.events.b2b_urls")),
    path("", include("techbridge.events.schedule_urls")),
]
