"""Permission rows of directory (see permission_rows/__init__.py): role × route → expected status."""

from __future__ import annotations

from permission_rows import Row, expect

ROWS = [
    Row("directory:organisations", lambda o: "/directory/organisations/", expect(200)),
    Row(
        "directory:organisation",
        lambda o: f"/directory/organisations/{o.world.published.pk}/",
        expect(200),
        what="published",
    ),
    Row(
        "directory:organisation",
        lambda o: f"/directory/organisations/{o.world.pending.pk}/",
        expect(200, anonymous=404, outsider=404, other_operator=404),
        what="own, pending",
    ),
    Row(
        "directory:organisation",
        lambda o: f"/directory/organisations/{o.world.pending_elsewhere.pk}/",
        expect(404, other_operator=200, platform_admin=200),
        what="pending, other centre",
    ),
    Row(
        "directory:organisation_edit",
        lambda o: f"/directory/organisations/{o.world.pending.pk}/edit/",
        expect(404, anonymous=302, org_admin=200, operator=200, platform_admin=200),
        what="own, pending",
    ),
    Row(
        "directory:organisation_edit",
        lambda o: f"/directory/organisations/{o.world.published.pk}/edit/",
        expect(404, anonymous=302, operator=200, platform_admin=200),
        what="same centre",
    ),
    Row(
        "directory:organisation_edit",
        lambda o: f"/directory/organisations/{o.other_org.pk}/edit/",
        expect(404, anonymous=302, other_operator=200, platform_admin=200),
        what="other centre",
    ),
    Row("directory:people", lambda o: "/directory/people/", expect(200)),
    Row(
        "directory:person",
        lambda o: f"/directory/people/{o.world.public_person.pk}/",
        expect(200),
        what="public",
    ),
    Row(
        "directory:person",
        lambda o: f"/directory/people/{o.world.members_person.pk}/",
        expect(200, anonymous=404),
        what="members only",
    ),
    Row(
        "directory:person",
        lambda o: f"/directory/people/{o.world.private_person.pk}/",
        expect(404, org_admin=200, operator=200, platform_admin=200),
        what="private, own organisation",
    ),
    Row("directory:centres", lambda o: "/directory/centres/", expect(200)),
    Row("directory:centre", lambda o: f"/directory/centres/{o.world.centre.slug}/", expect(200)),
    Row("directory:fields", lambda o: "/directory/fields/", expect(200)),
    Row("GET /api/v1/organisations", lambda o: "/api/v1/organisations", expect(200)),
    Row(
        "GET /api/v1/organisations/{organisation_id}",
        lambda o: f"/api/v1/organisations/{o.world.published.pk}",
        expect(200),
        what="published",
    ),
    Row(
        "GET /api/v1/organisations/{organisation_id}",
        lambda o: f"/api/v1/organisations/{o.world.pending.pk}",
        expect(200, anonymous=404, outsider=404, other_operator=404),
        what="own, pending",
    ),
    Row(
        "GET /api/v1/organisations/{organisation_id}",
        lambda o: f"/api/v1/organisations/{o.world.pending_elsewhere.pk}",
        expect(404, other_operator=200, platform_admin=200),
        what="pending, other centre",
    ),
    Row(
        "PATCH /api/v1/organisations/{organisation_id}",
        lambda o: f"/api/v1/organisations/{o.world.pending.pk}",
        expect(404, anonymous=401, org_admin=200, operator=200, platform_admin=200),
        what="own, pending",
        method="patch",
    ),
    Row(
        "PATCH /api/v1/organisations/{organisation_id}",
        lambda o: f"/api/v1/organisations/{o.other_org.pk}",
        expect(404, anonymous=401, other_operator=200, platform_admin=200),
        what="other centre",
        method="patch",
    ),
    Row("GET /api/v1/people", lambda o: "/api/v1/people", expect(200)),
    Row(
        "GET /api/v1/people/{person_id}",
        lambda o: f"/api/v1/people/{o.world.members_person.pk}",
        expect(200, anonymous=404),
        what="members only",
    ),
    Row(
        "GET /api/v1/people/{person_id}",
        lambda o: f"/api/v1/people/{o.world.private_person.pk}",
        expect(404, org_admin=200, operator=200, platform_admin=200),
        what="private, own organisation",
    ),
    Row("GET /api/v1/centres", lambda o: "/api/v1/centres", expect(200)),
    Row("GET /api/v1/centres/{slug}", lambda o: f"/api/v1/centres/{o.world.centre.slug}", expect(200)),
]
