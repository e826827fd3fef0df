from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from factories import PASSWORD, make_user
from techbridge.accounts.models import User

GOOD = {
    "display_name": "Kovács Réka",
    "email": "Reka.Kovacs@Example.org",
    "password": "a-long-and-unusual-passphrase",
    "password_again": "a-long-and-unusual-passphrase",
}


def _link(body: str) -> str:
    match = re.search(r"http://[^\s]+/accounts/confirm/[^\s]+/", body)
    assert match, body
    return match.group(0).split("127.0.0.1:8000", 1)[1]


def test_registration_sends_confirmation_and_activates_on_click(
    db: None, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    client = Client()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/register/", GOOD)
    user = User.objects.get(email="reka.kovacs@example.org")
    inactive = user.is_active
    confirm = client.get(_link(mail.outbox[0].body))
    user.refresh_from_db()

    assert response.status_code == 200
    assert inactive is False
    assert mail.outbox[0].to == ["reka.kovacs@example.org"]
    assert confirm.status_code == 302
    assert user.is_active is True
    assert user.person.full_name == "Kovács Réka"  # type: ignore[attr-defined]


def test_confirmation_link_works_once(db: None, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/register/", GOOD)
    link = _link(mail.outbox[0].body)

    first, second = client.get(link), client.get(link)

    assert (first.status_code, second.status_code) == (302, 400)


def test_registration_mail_is_in_the_readers_language(db: None, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        Client().post("/accounts/register/", GOOD, headers={"Accept-Language": "hu"})

    assert mail.outbox[0].subject == "Erősítse meg techbridge-fiókját"


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"email": "not-an-address"}, "email", "Enter a valid email address."),
        ({"display_name": "<script>x</script>"}, "display_name", "HTML is not allowed"),
        ({"password_again": "something-else-entirely"}, "password_again", "The two passwords differ."),
        ({"password": "short", "password_again": "short"}, "password", "too short"),
    ],
)
def test_registration_rejects_bad_input(db: None, change: dict[str, str], field: str, message: str) -> None:
    response = Client().post("/accounts/register/", {**GOOD, **change})

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert User.objects.count() == 0
    assert mail.outbox == []


def test_registering_a_taken_address_answers_the_same_and_tells_its_owner(
    db: None, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    make_user(email="reka.kovacs@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        taken = Client().post("/accounts/register/", GOOD)
        fresh = Client().post("/accounts/register/", {**GOOD, "email": "new.person@example.org"})

    assert (taken.status_code, fresh.status_code) == (200, 200)
    pages = [
        re.sub(r'nonce="[^"]+"|csrfmiddlewaretoken" value="[^"]+"', "", page.content.decode())
        for page in (taken, fresh)
    ]
    assert "accounts/register_done.html" in [t.name for t in taken.templates]
    assert pages[0].replace("reka.kovacs", "X") == pages[1].replace("new.person", "X")
    assert User.objects.filter(email="reka.kovacs@example.org").count() == 1
    assert [m.to for m in mail.outbox] == [["reka.kovacs@example.org"], ["new.person@example.org"]]
    assert "/accounts/password-reset/" in mail.outbox[0].body
    assert "/accounts/confirm/" not in mail.outbox[0].body


def test_registration_error_messages_in_chinese(db: None) -> None:
    response = Client().post(
        "/accounts/register/", {**GOOD, "password_again": "x"}, headers={"Accept-Language": "zh-hans"}
    )

    assert response.context["form"].errors["password_again"] == ["两次输入的密码不一致。"]


def test_login_with_email_in_any_case_rotates_the_session(db: None) -> None:
    make_user(email="broker@example.org")
    client = Client()
    client.get("/accounts/login/")
    client.session.save()
    before = client.session.session_key

    response = client.post("/accounts/login/", {"username": "BROKER@example.org", "password": PASSWORD})

    assert response.status_code == 302
    assert client.session.session_key != before
    assert client.get("/api/v1/me").json()["email"] == "broker@example.org"


def test_login_refused_for_unconfirmed_account(db: None) -> None:
    make_user(email="new@example.org", is_active=False)

    response = Client().post("/accounts/login/", {"username": "new@example.org", "password": PASSWORD})

    assert response.status_code == 200
    assert response.context["form"].errors


def test_password_reset_sends_a_working_link(db: None, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    make_user(email="forgetful@example.org")
    client = Client()

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password-reset/", {"email": "forgetful@example.org"})
    path = re.search(r"https?://[^/]+(/accounts/password-reset/\S+/)", mail.outbox[0].body).group(1)  # type: ignore[union-attr]
    form_page = client.get(path, follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "another-long-passphrase", "new_password2": "another-long-passphrase"},
    )

    assert Client().login(username="forgetful@example.org", password="another-long-passphrase")


def test_password_reset_for_unknown_address_says_the_same_and_mails_a_notice(
    db: None, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    make_user(email="forgetful@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        known = Client().post("/accounts/password-reset/", {"email": "forgetful@example.org"})
        unknown = Client().post("/accounts/password-reset/", {"email": "nobody@example.org"})

    assert (known.status_code, unknown.status_code) == (302, 302)
    assert known["Location"] == unknown["Location"]
    assert [m.to for m in mail.outbox] == [["forgetful@example.org"], ["nobody@example.org"]]
    assert "/accounts/register/" in mail.outbox[1].body
    assert "/accounts/password-reset/" not in mail.outbox[1].body


def test_api_token_page_shows_secret_once(db: None) -> None:
    client = Client()
    client.force_login(make_user())

    created = client.post("/accounts/tokens/", {"name": "partner"})
    listed = client.get("/accounts/tokens/")

    secret = created.context["new_secret"]
    assert secret.startswith("tb_")
    assert secret in created.content.decode()
    assert secret not in listed.content.decode()
