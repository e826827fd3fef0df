"""Permission rows of instruments (see permission_rows/__init__.py): role × route → expected status."""

from __future__ import annotations

from permission_rows import MISSING, Row, expect

ROWS = [
    Row("instruments:catalogue", lambda o: "/instruments/", expect(200)),
    Row(
        "instruments:instrument",
        lambda o: f"/instruments/{o.instrument.pk}/",
        expect(200, anonymous=404, outsider=404, other_operator=404),
        what="own organisation's",
    ),
    Row(
        "instruments:book",
        lambda o: f"/instruments/{o.instrument.pk}/book/",
        expect(422, anonymous=302, outsider=404, other_operator=404),
        what="own organisation's",
        method="post",
    ),
    Row(
        "instruments:wait",
        lambda o: f"/instruments/{o.instrument.pk}/wait/",
        expect(422, anonymous=302, outsider=404, other_operator=404),
        what="own organisation's",
        method="post",
    ),
    Row(
        "instruments:instrument_week",
        lambda o: f"/instruments/{o.instrument.pk}/week/",
        expect(200, anonymous=404, outsider=404, other_operator=404),
        what="own organisation's",
    ),
    Row(
        "instruments:instrument_ical",
        lambda o: f"/instruments/{o.instrument.pk}/calendar.ics",
        expect(200, anonymous=404, outsider=404, other_operator=404),
        what="own organisation's",
    ),
    Row("instruments:my_bookings", lambda o: "/instruments/bookings/", expect(200, anonymous=302)),
    Row("instruments:my_week", lambda o: "/instruments/bookings/week/", expect(200, anonymous=302)),
    Row(
        "instruments:calendar_settings",
        lambda o: "/instruments/bookings/settings/",
        expect(405, anonymous=302),
    ),
    Row(
        "instruments:booking",
        lambda o: f"/instruments/bookings/{o.booking.pk}/",
        expect(404, anonymous=302, org_member=200, org_admin=200, platform_admin=200),
        what="the member's",
    ),
    Row(
        "instruments:booking_cancel",
        lambda o: f"/instruments/bookings/{o.booking.pk}/cancel/",
        expect(405, anonymous=302),
        what="the member's",
    ),
    Row(
        "instruments:booking_decide",
        lambda o: f"/instruments/bookings/{o.booking.pk}/decide/",
        expect(405, anonymous=302),
        what="the member's",
    ),
    Row(
        "instruments:booking_check_in",
        lambda o: f"/instruments/bookings/{o.booking.pk}/check-in/",
        expect(405, anonymous=302),
        what="the member's",
    ),
    Row(
        "instruments:booking_check_out",
        lambda o: f"/instruments/bookings/{o.booking.pk}/check-out/",
        expect(405, anonymous=302),
        what="the member's",
    ),
    Row(
        "instruments:booking_statement",
        lambda o: f"/instruments/bookings/{o.booking.pk}/statement/",
        expect(404, anonymous=302, org_member=200, org_admin=200, platform_admin=200),
        what="the member's",
    ),
    Row(
        "instruments:user_ical",
        lambda o: "/instruments/calendar/bad-token.ics",
        expect(404),
        what="bad token",
    ),
    Row("instruments:manage", lambda o: "/instruments/manage/", expect(200, anonymous=302)),
    Row(
        "instruments:managed_instruments",
        lambda o: "/instruments/manage/instruments/",
        expect(200, anonymous=302),
    ),
    Row(
        "instruments:instrument_edit",
        lambda o: f"/instruments/{o.instrument.pk}/edit/",
        expect(404, anonymous=302, org_admin=200, platform_admin=200),
        what="managed by the org admin",
    ),
    Row(
        "instruments:blackout_add",
        lambda o: f"/instruments/{o.instrument.pk}/blackouts/",
        expect(405, anonymous=302),
        what="managed by the org admin",
    ),
    Row(
        "instruments:blackout_remove",
        lambda o: f"/instruments/{o.instrument.pk}/blackouts/{MISSING}/remove/",
        expect(404, anonymous=302),
        what="missing blackout",
        method="post",
    ),
    Row(
        "instruments:statement",
        lambda o: f"/instruments/statements/{MISSING}/",
        expect(404, anonymous=302),
        what="missing",
    ),
    Row(
        "instruments:statistics",
        lambda o: "/instruments/statistics/",
        expect(200, anonymous=302, outsider=404, org_member=404),
    ),
    Row("GET /api/v1/instrument-categories", lambda o: "/api/v1/instrument-categories", expect(200)),
    Row("GET /api/v1/instruments", lambda o: "/api/v1/instruments", expect(200)),
    Row(
        "GET /api/v1/instruments/{instrument_id}",
        lambda o: f"/api/v1/instruments/{o.instrument.pk}",
        expect(200, anonymous=404, outsider=404, other_operator=404),
        what="own organisation's",
    ),
    Row(
        "GET /api/v1/instruments/{instrument_id}/availability",
        lambda o: (
            f"/api/v1/instruments/{o.instrument.pk}/availability?start=2030-01-07T00:00&end=2030-01-08T00:00"
        ),
        expect(200, anonymous=404, outsider=404, other_operator=404),
        what="own organisation's",
    ),
    Row("GET /api/v1/bookings", lambda o: "/api/v1/bookings", expect(200, anonymous=401)),
    Row(
        "POST /api/v1/bookings",
        lambda o: "/api/v1/bookings",
        expect(422, anonymous=401),
        what="empty body",
        method="post",
    ),
    Row(
        "GET /api/v1/bookings/{booking_id}",
        lambda o: f"/api/v1/bookings/{o.booking.pk}",
        expect(404, anonymous=401, org_member=200, org_admin=200, platform_admin=200),
        what="the member's",
    ),
    Row(
        "POST /api/v1/bookings/{booking_id}/cancel",
        lambda o: f"/api/v1/bookings/{MISSING}/cancel",
        expect(404, anonymous=401),
        what="missing",
        method="post",
    ),
    Row(
        "POST /api/v1/bookings/{booking_id}/approve",
        lambda o: f"/api/v1/bookings/{MISSING}/approve",
        expect(404, anonymous=401),
        what="missing",
        method="post",
    ),
    Row(
        "POST /api/v1/bookings/{booking_id}/reject",
        lambda o: f"/api/v1/bookings/{MISSING}/reject",
        expect(404, anonymous=401),
        what="missing",
        method="post",
    ),
]
