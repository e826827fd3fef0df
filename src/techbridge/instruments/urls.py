from django.urls import path

from techbridge.instruments.views import bookings, catalogue, maintenance, reports

app_name = "instruments"

urlpatterns = [
    path("", catalogue.catalogue, name="catalogue"),
    path("<int:pk>/", catalogue.instrument_detail, name="instrument"),
    path("<int:pk>/book/", catalogue.book, name="book"),
    path("<int:pk>/wait/", catalogue.join_waiting_list, name="wait"),
    path("<int:pk>/week/", catalogue.instrument_week, name="instrument_week"),
    path("<int:pk>/calendar.ics", catalogue.instrument_ical, name="instrument_ical"),
    path("bookings/", bookings.my_bookings, name="my_bookings"),
    path("bookings/week/", bookings.my_week, name="my_week"),
    path("bookings/settings/", bookings.calendar_settings_view, name="calendar_settings"),
    path("bookings/<int:pk>/", bookings.booking_detail, name="booking"),
    path("bookings/<int:pk>/cancel/", bookings.booking_cancel, name="booking_cancel"),
    path("bookings/<int:pk>/decide/", bookings.booking_decide, name="booking_decide"),
    path("bookings/<int:pk>/check-in/", bookings.booking_check_in, name="booking_check_in"),
    path("bookings/<int:pk>/check-out/", bookings.booking_check_out, name="booking_check_out"),
    path("bookings/<int:pk>/statement/", reports.booking_statement, name="booking_statement"),
    path("calendar/<str:token>.ics", bookings.user_ical, name="user_ical"),
    path("manage/", bookings.pending_for_me, name="manage"),
    path("manage/instruments/", maintenance.managed_instrument_list, name="managed_instruments"),
    path("<int:pk>/edit/", maintenance.instrument_edit, name="instrument_edit"),
    path("<int:pk>/blackouts/", maintenance.blackout_add, name="blackout_add"),
    path("<int:pk>/blackouts/<int:blackout_pk>/remove/", maintenance.blackout_remove, name="blackout_remove"),
    path("statements/<int:pk>/", reports.organisation_statement, name="statement"),
    path("statistics/", reports.statistics, name="statistics"),
]
