"""Security by construction: CSRF on every cookie-authenticated write, CSP and hardening headers."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from world import World

ROOT = Path(__file__).resolve().parents[2]


def _writes(world: World) -> list[tuple[str, str]]:
    return [
        ("post", f"/directory/organisations/{world.pending.pk}/edit/"),
        ("post", "/accounts/profile/"),
        ("post", "/accounts/tokens/"),
        ("post", "/accounts/logout/"),
        ("post", "/i18n/setlang/"),
        ("patch", f"/api/v1/organisations/{world.pending.pk}"),
    ]


def test_every_cookie_authenticated_write_needs_a_csrf_token(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.org_admin)

    statuses = {url: getattr(client, method)(url, {}).status_code for method, url in _writes(world)}

    assert statuses == {url: 403 for _method, url in _writes(world)}


def test_pages_send_a_strict_content_security_policy(db: None) -> None:
    response = Client().get("/")

    policy = response.headers["Content-Security-Policy"]
    script_sources = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_sources
    assert "'unsafe-eval'" not in script_sources
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_page_scripts_carry_the_policy_nonce(db: None) -> None:
    response = Client().get("/")

    nonce = response.headers["Content-Security-Policy"].split("'nonce-", 1)[1].split("'", 1)[0]
    assert f'nonce="{nonce}"' in response.content.decode()


def _production_env(**extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("TECHBRIDGE_") and key != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    env.update(
        TECHBRIDGE_PROFILE="production",
        TECHBRIDGE_SECRET_KEY=secrets.token_urlsafe(64),
        TECHBRIDGE_ALLOWED_HOSTS="techbridge.example.org",
        TECHBRIDGE_SMTP_URL="smtp+tls://mailer:secret@smtp.example.org:587",
        TECHBRIDGE_DATA_DIR=str(ROOT / "var" / "deploy-check"),
        DJANGO_SETTINGS_MODULE="techbridge.settings",
        **extra,
    )
    return env


def test_production_profile_passes_the_deployment_checklist() -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_production_env(),
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues (0 silenced)" in result.stdout


def test_production_profile_refuses_to_start_without_a_secret_key() -> None:
    env = _production_env()
    del env["TECHBRIDGE_SECRET_KEY"]

    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )

    assert result.returncode != 0
    assert "TECHBRIDGE_SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("sqlite:///var/db.sqlite3", ("django.db.backends.sqlite3", "var/db.sqlite3", "", "")),
        (
            "postgresql://tb:p%40ss@db.internal:5433/techbridge?sslmode=require",
            ("django.db.backends.postgresql", "techbridge", "tb", "p@ss"),
        ),
    ],
)
def test_database_url_is_parsed(url: str, expected: tuple[str, str, str, str]) -> None:
    from techbridge.config import parse_database_url

    parsed = parse_database_url(url)

    assert (parsed.engine, parsed.name, parsed.user, parsed.password) == expected


def test_database_url_with_unknown_scheme_is_refused() -> None:
    from techbridge.config import parse_database_url

    with pytest.raises(ValueError, match="unsupported scheme 'mysql'"):
        parse_database_url("mysql://root@localhost/db")


@pytest.mark.parametrize(
    "url", ["/api/v1/people?q=a%00b", "/api/v1/organisations?country=%00", "/directory/organisations/?q=%00"]
)
def test_nul_characters_are_refused_not_a_server_error(db: None, url: str) -> None:
    response = Client().get(url)

    assert response.status_code == 400
    assert response.json() == {"detail": "The request contains a NUL character."}


def test_nul_characters_in_a_json_body_are_refused(world: World) -> None:
    from techbridge.accounts.domain.tokens import do_create_api_token

    _token, secret = do_create_api_token(user=world.org_admin, name="script")

    response = Client().patch(
        f"/api/v1/organisations/{world.pending.pk}",
        '{"city": "Sze\\u0000ged"}',
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )

    world.pending.refresh_from_db()
    assert (response.status_code, world.pending.city) == (400, "Budapest")
