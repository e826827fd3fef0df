"""Permission rows of notifications (see permission_rows/__init__.py): role × route → expected status.

The list, the read-all action and the preferences are the signed-in user's own; the unsubscribe
link works without signing in, through its signed token (a forged one answers 404).
"""

from __future__ import annotations

from permission_rows import Row, expect
from world_objects import Objects


def _unsubscribe_path(o: Objects) -> str:
    from techbridge.notifications.domain.preferences import unsubscribe_url
    from techbridge.notifications.kinds import registered_kinds

    url = unsubscribe_url(user=o.world.org_member, kinds=[registered_kinds()[0].code])
    return url[url.index("/notifications/") :]


ROWS = [
    Row("notifications:list", lambda o: "/notifications/", expect(200, anonymous=302)),
    Row("notifications:read", lambda o: "/notifications/read/", expect(302), method="post"),
    Row("notifications:preferences", lambda o: "/notifications/settings/", expect(200, anonymous=302)),
    Row("notifications:unsubscribe", _unsubscribe_path, expect(200), what="signed link of org_member"),
    Row(
        "notifications:unsubscribe",
        lambda o: "/notifications/stop/forged-token/",
        expect(404),
        what="forged token",
    ),
]
