"""URLs of the programme pages of events: the event's home, programme, registration, check-in, exhibitions."""

from django.urls import path

from techbridge.events.views import checkin, exhibitions, programme, registration

urlpatterns = [
    path("", programme.event_list, name="list"),
    path("new/", programme.event_new, name="event_new"),
    path("<slug:slug>/", programme.event_detail, name="detail"),
    path("<slug:slug>/edit/", programme.event_edit, name="event_edit"),
    path("<slug:slug>/venues/new/", programme.venue_edit, name="venue_new"),
    path("<slug:slug>/venues/<int:pk>/", programme.venue_edit, name="venue_edit"),
    path("<slug:slug>/venues/<int:venue_pk>/rooms/new/", programme.room_new, name="room_new"),
    path("<slug:slug>/rooms/<int:pk>/", programme.room_edit, name="room_edit"),
    path("<slug:slug>/programme/", programme.programme, name="programme"),
    path("<slug:slug>/programme.ics", programme.programme_ical_view, name="programme_ical"),
    path("<slug:slug>/programme.pdf", programme.programme_pdf_view, name="programme_pdf"),
    path("<slug:slug>/programme/new/", programme.activity_edit, name="activity_new"),
    path("<slug:slug>/programme/<int:pk>/edit/", programme.activity_edit, name="activity_edit"),
    path("<slug:slug>/programme/<int:pk>/delete/", programme.activity_delete, name="activity_delete"),
    path("<slug:slug>/programme/<int:activity_pk>/speakers/new/", programme.speaker_new, name="speaker_new"),
    path("<slug:slug>/speakers/<int:pk>/delete/", programme.speaker_delete, name="speaker_delete"),
    path("<slug:slug>/register/", registration.register, name="register"),
    path("<slug:slug>/registration/", registration.my_registration, name="my_registration"),
    path("<slug:slug>/registration/cancel/", registration.registration_cancel, name="registration_cancel"),
    path("<slug:slug>/registration/badge.pdf", registration.badge_pdf, name="badge_pdf"),
    path("<slug:slug>/registrations/", registration.registrations, name="registrations"),
    path(
        "<slug:slug>/registrations/<int:pk>/decide/",
        registration.registration_decide,
        name="registration_decide",
    ),
    path("<slug:slug>/registrations/badges.pdf", registration.badges_batch_pdf, name="badges_pdf"),
    path("<slug:slug>/registrations/export.xlsx", registration.registrations_xlsx, name="registrations_xlsx"),
    path("<slug:slug>/checkin/", checkin.checkin, name="checkin"),
    path("<slug:slug>/checkin/scan/", checkin.checkin_scan, name="checkin_scan"),
    path("<slug:slug>/attendance/", checkin.attendance_view, name="attendance"),
    path("<slug:slug>/exhibition/", exhibitions.exhibition, name="exhibition"),
    path("<slug:slug>/exhibition/areas/new/", exhibitions.area_edit, name="area_new"),
    path("<slug:slug>/exhibition/areas/<int:pk>/", exhibitions.area_edit, name="area_edit"),
    path("<slug:slug>/exhibition/areas/<int:area_pk>/booths/new/", exhibitions.booth_new, name="booth_new"),
    path(
        "<slug:slug>/exhibition/areas/<int:area_pk>/showcases/new/",
        exhibitions.showcase_new,
        name="showcase_new",
    ),
    path("<slug:slug>/showcase/", exhibitions.showcase_live, name="showcase_live"),
    path(
        "<slug:slug>/showcase/<int:pk>/presented/", exhibitions.showcase_presented, name="showcase_presented"
    ),
]
