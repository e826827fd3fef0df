"""Permission rows of project (see permission_rows/__init__.py): role × route → expected status."""

from __future__ import annotations

from permission_rows import Row, expect

ROWS = [
    Row("home", lambda o: "/", expect(200)),
    Row("my_profile", lambda o: "/accounts/profile/", expect(200, anonymous=302)),
    Row("set_language", lambda o: "/i18n/setlang/", expect(302), method="post"),
    Row("javascript-catalog", lambda o: "/jsi18n/", expect(200)),
    Row("healthz", lambda o: "/healthz", expect(200)),
    Row("api:openapi-json", lambda o: "/api/openapi.json", expect(200)),
    Row("api:openapi-view", lambda o: "/api/docs", expect(200)),
    Row("api:api-root", lambda o: "/api/", expect(404)),
    Row(
        "admin:index", lambda o: "/admin/", expect(302, operator=200, other_operator=200, platform_admin=200)
    ),
    Row(
        "admin:accounts_user_changelist",
        lambda o: "/admin/accounts/user/",
        expect(302, operator=403, other_operator=403, platform_admin=200),
    ),
]
