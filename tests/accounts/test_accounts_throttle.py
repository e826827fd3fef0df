"""Issue 11 item 3: sign-in, password reset, registration and API tokens are throttled per account
and per client address; the refusal says when to try again, in the reader's language."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client, override_settings

from factories import PASSWORD, make_user
from techbridge.accounts.models import ApiToken

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"


def _sign_in(email: str, password: str, *, address: str = "203.0.113.7", language: str = "en") -> object:
    return Client(REMOTE_ADDR=address).post(
        LOGIN, {"username": email, "password": password}, headers={"Accept-Language": language}
    )


def test_after_five_wrong_passwords_even_the_right_one_waits_and_is_told_when() -> None:
    make_user(email="target@example.org")
    answers = [_sign_in("target@example.org", "wrong-guess").status_code for _ in range(5)]  # type: ignore[attr-defined]
    locked = _sign_in("TARGET@example.org", PASSWORD, address="198.51.100.9")
    assert answers == [200] * 4 + [429]  # the fifth wrong password locks
    assert locked.status_code == 429  # type: ignore[attr-defined]
    assert re.search(r"Too many attempts\. Please try again in \d+ minutes?\.", locked.content.decode())  # type: ignore[attr-defined]
    assert "_auth_user_id" not in locked.wsgi_request.session  # type: ignore[attr-defined]


def test_a_few_wrong_passwords_do_not_lock_the_account() -> None:
    make_user(email="clumsy@example.org")
    for _ in range(4):
        _sign_in("clumsy@example.org", "typo")
    assert _sign_in("clumsy@example.org", PASSWORD).status_code == 302  # type: ignore[attr-defined]


def test_one_address_guessing_many_accounts_is_locked_out() -> None:
    for number in range(20):
        _sign_in(f"guess{number}@example.org", "wrong", address="192.0.2.66")
    make_user(email="innocent@example.org")
    assert _sign_in("innocent@example.org", PASSWORD, address="192.0.2.66").status_code == 429  # type: ignore[attr-defined]
    assert _sign_in("innocent@example.org", PASSWORD, address="192.0.2.67").status_code == 302  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("zh-hans", r"尝试次数过多。请在 \d+ 分钟后重试。"),
        ("hu", r"Túl sok próbálkozás. Kérjük, próbálja újra \d+ perc múlva."),
    ],
)
def test_the_lockout_message_is_in_the_readers_language(language: str, message: str) -> None:
    for _ in range(5):
        _sign_in("someone@example.org", "wrong")
    locked = _sign_in("someone@example.org", "wrong", language=language)
    assert re.search(message, locked.content.decode())  # type: ignore[attr-defined]


def test_password_reset_is_throttled_per_account(django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    make_user(email="forgetful@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        answers = [
            Client().post("/accounts/password-reset/", {"email": "forgetful@example.org"}).status_code
            for _ in range(4)
        ]
    assert answers == [302, 302, 302, 429]
    assert len(mail.outbox) == 3


def test_registration_is_throttled_per_address() -> None:
    body = {"display_name": "Flood", "password": "a-long-and-unusual-passphrase"}
    answers = [
        Client(REMOTE_ADDR="192.0.2.10")
        .post(
            "/accounts/register/", {**body, "email": f"n{n}@example.org", "password_again": body["password"]}
        )
        .status_code
        for n in range(11)
    ]
    assert answers == [200] * 10 + [429]


@override_settings(TECHBRIDGE_THROTTLE_RATES={"api_token.user": "2/h"})
def test_api_token_creation_is_throttled_per_user() -> None:
    user = make_user()
    client = Client()
    client.force_login(user)
    for name in ("one", "two", "three"):
        client.post("/accounts/tokens/", {"name": name})
    third = client.post("/accounts/tokens/", {"name": "four"})
    assert ApiToken.objects.filter(user=user).count() == 2
    assert "Too many attempts" in third.content.decode()


def test_the_admin_sign_in_shares_the_throttle() -> None:
    make_user(email="admin@example.org", is_staff=True, is_superuser=True)
    for _ in range(5):
        Client().post("/admin/login/", {"username": "admin@example.org", "password": "wrong"})
    locked = Client().post("/admin/login/", {"username": "admin@example.org", "password": PASSWORD})
    assert "Too many attempts" in locked.content.decode()
    assert "_auth_user_id" not in locked.wsgi_request.session
