"""Permission rows of events (see permission_rows/__init__.py): role × route → expected status."""

from __future__ import annotations

from permission_rows import MISSING, MISSING_UUID, Row, expect
from world_objects import Objects


def _queued_run(o: Objects) -> int:
    """A queued scheduler run of the published event (a fresh one per request: cancelling ends it)."""
    from django.utils import timezone

    from techbridge.events.models import ScheduleRun

    run = ScheduleRun.objects.create(event=o.event, created_by=o.world.operator, created_at=timezone.now())
    return run.pk


ROWS = [
    Row("events:list", lambda o: "/events/", expect(200)),
    Row(
        "events:event_new",
        lambda o: "/events/new/",
        expect(404, anonymous=302, operator=200, other_operator=200, platform_admin=200),
    ),
    Row("events:detail", lambda o: f"/events/{o.event.slug}/", expect(200), what="published event"),
    Row(
        "events:detail",
        lambda o: f"/events/{o.draft_event.slug}/",
        expect(404, operator=200, platform_admin=200),
        what="draft event",
    ),
    Row(
        "events:event_edit",
        lambda o: f"/events/{o.event.slug}/edit/",
        expect(404, anonymous=302, operator=200, platform_admin=200),
        what="published event",
    ),
    Row(
        "events:event_edit",
        lambda o: f"/events/{o.draft_event.slug}/edit/",
        expect(404, anonymous=302, operator=200, platform_admin=200),
        what="draft event",
    ),
    Row(
        "events:venue_new",
        lambda o: f"/events/{o.event.slug}/venues/new/",
        expect(404, anonymous=302, operator=200, platform_admin=200),
        what="published event",
    ),
    Row(
        "events:venue_edit",
        lambda o: f"/events/{o.event.slug}/venues/{MISSING}/",
        expect(404, anonymous=302),
        what="published event",
    ),
    Row(
        "events:room_new",
        lambda o: f"/events/{o.event.slug}/venues/{MISSING}/rooms/new/",
        expect(404, anonymous=302),
        what="published event",
    ),
    Row(
        "events:room_edit",
        lambda o: f"/events/{o.event.slug}/rooms/{MISSING}/",
        expect(404, anonymous=302),
        what="published event",
    ),
    Row(
        "events:programme",
        lambda o: f"/events/{o.event.slug}/programme/",
        expect(200),
        what="published event",
    ),
    Row(
        "events:programme",
        lambda o: f"/events/{o.draft_event.slug}/programme/",
        expect(404, operator=200, platform_admin=200),
        what="draft event",
    ),
    Row(
        "events:programme_ical",
        lambda o: f"/events/{o.event.slug}/programme.ics",
        expect(200),
        what="published event",
    ),
    Row(
        "events:programme_pdf",
        lambda o: f"/events/{o.event.slug}/programme.pdf",
        expect(200),
        what="published event",
    ),
    Row(
        "events:activity_new",
        lambda o: f"/events/{o.event.slug}/programme/new/",
        expect(404, anonymous=302, operator=200, platform_admin=200),
        what="published event",
    ),
    Row(
        "events:activity_edit",
        lambda o: f"/events/{o.event.slug}/programme/{MISSING}/edit/",
        expect(404, anonymous=302),
        what="published event",
    ),
    Row(
        "events:activity_delete",
        lambda o: f"/events/{o.event.slug}/programme/{MISSING}/delete/",
        expect(404, anonymous=302),
        what="published event",
        method="post",
    ),
    Row(
        "events:speaker_new",
        lambda o: f"/events/{o.event.slug}/programme/{MISSING}/speakers/new/",
        expect(404, anonymous=302),
        what="published event",
    ),
    Row(
        "events:speaker_delete",
        lambda o: f"/events/{o.event.slug}/speakers/{MISSING}/delete/",
        expect(404, anonymous=302),
        what="published event",
        method="post",
    ),
    Row(
        "events:register",
        lambda o: f"/events/{o.event.slug}/register/",
        expect(200, anonymous=302, org_member=302),
        what="published event",
    ),
    Row(
        "events:register",
        lambda o: f"/events/{o.draft_event.slug}/register/",
        expect(404, anonymous=302, operator=200, platform_admin=200),
        what="draft event",
    ),
    Row(
        "events:my_registration",
        lambda o: f"/events/{o.event.slug}/registration/",
        expect(200, anonymous=302),
        what="published event",
    ),
    Row(
        "events:registration_cancel",
        lambda o: f"/events/{o.draft_event.slug}/registration/cancel/",
        expect(404, anonymous=302),
        what="draft event",
        method="post",
    ),
    Row(
        "events:badge_pdf",
        lambda o: f"/events/{o.event.slug}/registration/badge.pdf",
        expect(404, anonymous=302, org_member=200),
        what="published event",
    ),
    Row(
        "events:registrations",
        lambda o: f"/events/{o.event.slug}/registrations/",
        expect(404, anonymous=302, operator=200, platform_admin=200),
        what="published event",
    ),
    Row(
        "events:registration_decide",
        lambda o: f"/events/{o.event.slug}/registrations/{o.registration.pk}/decide/",
        expect(404, anonymous=302, operator=302, platform_admin=302),
        what="published event",
        method="post",
    ),
    Row(
        "events:badges_pdf",
        lambda o: f"/events/{o.event.slug}/registrations/badges.pdf",
        expect(404, anonymous=302, operator=200, platform_admin=200),
        what="published event",
    ),
    Row(
        "events:registrations_xlsx",
        lambda o: f"/events/{o.event.slug}/registrations/export.xlsx",
        expect(404, anonymous=302, operator=200, platform_admin=200),
        what="published event",
    ),
    Row(
        "events:checkin",
        lambda o: f"/events/{o.event.slug}/checkin/",
        expect(404, anonymous=302, operator=200, platform_admin=200),
        what="published event",
    ),
    Row(
        "events:checkin_scan",
        lambda o: f"/events/{o.event.slug}/checkin/scan/",
        expect(404, anonymous=302, operator=200, platform_admin=200),
        what="published event",
        method="post",
    ),
    Row(
        "events:attendance",
        lambda o: f"/events/{o.event.slug}/attendance/",
        expect(404, anonymous=302, operator=200, platform_admin=200),
        what="published event",
    ),
    Row(
        "events:exhibition",
        lambda o: f"/events/{o.event.slug}/exhibition/",
        expect(200),
        what="published event",
    ),
    Row(
        "events:area_new",
        lambda o: f"/events/{o.event.slug}/exhibition/areas/new/",
        expect(404, anonymous=302, operator=200, platform_admin=200),
        what="published event",
    ),
    Row(
        "events:area_edit",
        lambda o: f"/events/{o.event.slug}/exhibition/areas/{MISSING}/",
        expect(404, anonymous=302),
        what="published event",
    ),
    Row(
        "events:booth_new",
        lambda o: f"/events/{o.event.slug}/exhibition/areas/{MISSING}/booths/new/",
        expect(404, anonymous=302),
        what="published event",
    ),
    Row(
        "events:showcase_new",
        lambda o: f"/events/{o.event.slug}/exhibition/areas/{MISSING}/showcases/new/",
        expect(404, anonymous=302),
        what="published event",
    ),
    Row(
        "events:showcase_live",
        lambda o: f"/events/{o.event.slug}/showcase/",
        expect(200),
        what="published event",
    ),
    Row(
        "events:showcase_presented",
        lambda o: f"/events/{o.event.slug}/showcase/{MISSING}/presented/",
        expect(404, anonymous=302),
        what="published event",
        method="post",
    ),
    Row(
        "events:catalogue",
        lambda o: f"/events/{o.event.slug}/b2b/participants/",
        expect(404, anonymous=302, org_member=200, operator=200, platform_admin=200),
        what="published event",
    ),
    Row(
        "events:participant",
        lambda o: f"/events/{o.event.slug}/b2b/participants/{o.registration.pk}/",
        expect(404, anonymous=302, org_member=200, operator=200, platform_admin=200),
        what="published event",
    ),
    Row(
        "events:my_b2b_profile",
        lambda o: f"/events/{o.event.slug}/b2b/profile/",
        expect(404, anonymous=302, org_member=200),
        what="published event",
    ),
    Row(
        "events:block_time",
        lambda o: f"/events/{o.event.slug}/b2b/profile/blocked/",
        expect(404, anonymous=302, org_member=302),
        what="published event",
        method="post",
    ),
    Row(
        "events:unblock_time",
        lambda o: f"/events/{o.event.slug}/b2b/profile/blocked/{MISSING}/delete/",
        expect(404, anonymous=302),
        what="published event",
        method="post",
    ),
    Row(
        "events:requests",
        lambda o: f"/events/{o.event.slug}/b2b/requests/",
        expect(404, anonymous=302, org_member=200),
        what="published event",
    ),
    Row(
        "events:request_new",
        lambda o: f"/events/{o.event.slug}/b2b/requests/new/{o.registration.pk}/",
        expect(404, anonymous=302, org_member=200),
        what="published event",
    ),
    Row(
        "events:request_answer",
        lambda o: f"/events/{o.event.slug}/b2b/requests/{MISSING}/answer/",
        expect(404, anonymous=302),
        what="published event",
        method="post",
    ),
    Row(
        "events:request_cancel",
        lambda o: f"/events/{o.event.slug}/b2b/requests/{MISSING}/cancel/",
        expect(404, anonymous=302),
        what="published event",
        method="post",
    ),
    Row(
        "events:arrange_meeting",
        lambda o: f"/events/{o.event.slug}/b2b/arrange/",
        expect(404, anonymous=302, operator=200, platform_admin=200),
        what="published event",
    ),
    Row(
        "events:meeting_outcome",
        lambda o: f"/events/{o.event.slug}/b2b/meetings/{MISSING_UUID}/outcome/",
        expect(404, anonymous=302),
        what="published event",
    ),
    Row(
        "events:dashboard",
        lambda o: f"/events/{o.event.slug}/dashboard/",
        expect(404, anonymous=302, operator=200, platform_admin=200),
        what="published event",
    ),
    Row(
        "events:schedule",
        lambda o: f"/events/{o.event.slug}/schedule/",
        expect(404, anonymous=302, operator=200, platform_admin=200),
        what="published event",
    ),
    Row(
        "events:schedule_run",
        lambda o: f"/events/{o.event.slug}/schedule/runs/{MISSING}/",
        expect(404, anonymous=302),
        what="published event",
    ),
    Row(
        "events:schedule_publish",
        lambda o: f"/events/{o.event.slug}/schedule/runs/{MISSING}/publish/",
        expect(404, anonymous=302),
        what="published event",
        method="post",
    ),
    Row(
        "events:schedule_cancel",
        lambda o: f"/events/{o.event.slug}/schedule/runs/{_queued_run(o)}/cancel/",
        expect(404, anonymous=302, operator=302, platform_admin=302),
        what="queued run of the published event",
        method="post",
    ),
    Row(
        "events:agenda",
        lambda o: f"/events/{o.event.slug}/agenda/",
        expect(404, anonymous=302, org_member=200),
        what="published event",
    ),
    Row(
        "events:agenda_pdf",
        lambda o: f"/events/{o.event.slug}/agenda.pdf",
        expect(404, anonymous=302, org_member=200),
        what="published event",
    ),
    Row(
        "events:agenda_ical",
        lambda o: f"/events/{o.event.slug}/agenda.ics",
        expect(404, anonymous=302, org_member=200),
        what="published event",
    ),
    Row("GET /api/v1/events", lambda o: "/api/v1/events", expect(200)),
    Row(
        "GET /api/v1/events/{slug}", lambda o: f"/api/v1/events/{o.event.slug}", expect(200), what="published"
    ),
    Row(
        "GET /api/v1/events/{slug}",
        lambda o: f"/api/v1/events/{o.draft_event.slug}",
        expect(404, operator=200, platform_admin=200),
        what="draft",
    ),
    Row(
        "GET /api/v1/events/{slug}/programme",
        lambda o: f"/api/v1/events/{o.event.slug}/programme",
        expect(200),
        what="published",
    ),
]
