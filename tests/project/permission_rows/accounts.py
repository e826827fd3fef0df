"""Permission rows of accounts (see permission_rows/__init__.py): role × route → expected status."""

from __future__ import annotations

from permission_rows import Row, expect, token_pk

ROWS = [
    Row("accounts:login", lambda o: "/accounts/login/", expect(302, anonymous=200)),
    Row("accounts:logout", lambda o: "/accounts/logout/", expect(302), method="post"),
    Row("accounts:register", lambda o: "/accounts/register/", expect(200)),
    Row("accounts:confirm", lambda o: "/accounts/confirm/MQ/bad-token/", expect(400), what="bad token"),
    Row("accounts:password_reset", lambda o: "/accounts/password-reset/", expect(200)),
    Row("accounts:password_reset_done", lambda o: "/accounts/password-reset/sent/", expect(200)),
    Row(
        "accounts:password_reset_confirm",
        lambda o: "/accounts/password-reset/MQ/bad-token/",
        expect(200),
        what="bad token",
    ),
    Row("accounts:password_reset_complete", lambda o: "/accounts/password-reset/complete/", expect(200)),
    Row("accounts:tokens", lambda o: "/accounts/tokens/", expect(200, anonymous=302)),
    Row(
        "accounts:set_time_zone",
        lambda o: "/accounts/time-zone/",
        expect(302),
        what="a signed-in user sets only their own zone; visitors are sent to sign in",
        method="post",
    ),
    Row(
        "accounts:revoke_token",
        lambda o: f"/accounts/tokens/{token_pk(o, 'org_member')}/revoke/",
        expect(404, anonymous=302, org_member=302),
        what="the member's token",
        method="post",
    ),
    Row("GET /api/v1/me", lambda o: "/api/v1/me", expect(200, anonymous=401)),
]
