"""Permission rows of federation (see permission_rows/__init__.py): role × route → expected status.

The protocol endpoints answer 401 to anyone without a partner's signature (the actor document is
public); the partners page is for platform admins only; the alliance search is public (each
remote record's audience is filtered by tests/federation); a missing remote record is 404."""

from __future__ import annotations

from permission_rows import MISSING, MISSING_UUID, Row, expect

ROWS = [
    Row("federation:actor", lambda o: "/federation/", expect(200)),
    Row("federation:outbox", lambda o: "/federation/outbox/", expect(401)),
    Row("federation:inbox", lambda o: "/federation/inbox/", expect(401), method="post"),
    Row("federation:interest", lambda o: f"/federation/interests/{MISSING_UUID}/", expect(401)),
    Row("federation:handshake", lambda o: "/federation/handshake/", expect(400), method="post"),
    # The same endpoints as operations of the OpenAPI document (api/federation.py).
    Row("GET /federation/", lambda o: "/federation/", expect(200)),
    Row("GET /federation/outbox/", lambda o: "/federation/outbox/", expect(401)),
    Row("POST /federation/inbox/", lambda o: "/federation/inbox/", expect(401), method="post"),
    Row(
        "GET /federation/interests/{remote_uuid}/",
        lambda o: f"/federation/interests/{MISSING_UUID}/",
        expect(401),
    ),
    Row("POST /federation/handshake/", lambda o: "/federation/handshake/", expect(400), method="post"),
    Row("federation:search", lambda o: "/federation/search/?q=battery", expect(200)),
    Row("federation:record", lambda o: f"/federation/records/{MISSING}/", expect(404)),
    Row(
        "federation:partners",
        lambda o: "/federation/partners/",
        expect(404, anonymous=302, platform_admin=200),
    ),
    Row(
        "federation:partner_status",
        lambda o: f"/federation/partners/{MISSING}/status/",
        expect(404, anonymous=302),
        method="post",
        data={"status": "paused"},
    ),
]
