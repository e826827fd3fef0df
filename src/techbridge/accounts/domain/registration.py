"""Registration with e-mail confirmation: the account stays inactive until the link is used."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext_noop

from techbridge.accounts.domain.time_zone import starting_time_zone
from techbridge.accounts.models import User
from techbridge.common.jobs import enqueue_job


def confirmation_url(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("accounts:confirm", kwargs={"uidb64": uid, "token": token})
    return settings.SITE_URL.rstrip("/") + path


@transaction.atomic
def do_register_user(
    *, email: str, display_name: str, password: str, language: str, browser_zone: str = ""
) -> User:
    user = User.objects.create_user(
        email,
        password,
        display_name=display_name,
        preferred_language=language,
        time_zone=starting_time_zone(browser_zone=browser_zone, language=language),
        is_active=False,
    )
    with translation.override(language):
        body = render_to_string("accounts/email/confirm.txt", {"user": user, "url": confirmation_url(user)})
        subject = str(translation.gettext("Confirm your techbridge account"))
    enqueue_job("accounts.send_email", to=[user.email], subject=subject, body=body)
    return user


def check_confirm_email(*, uidb64: str, token: str) -> User | None:
    """Activate the account behind a confirmation link; None when the link is invalid or used."""
    try:
        user = User.objects.get(pk=int(force_str(urlsafe_base64_decode(uidb64))))
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        return None
    if user.email_confirmed_at is not None or not default_token_generator.check_token(user, token):
        return None
    user.is_active = True
    user.email_confirmed_at = timezone.now()
    user.save(update_fields=["is_active", "email_confirmed_at"])
    return user


def _send_notice(*, email: str, language: str, template: str, subject: str) -> None:
    """A notice about an address, sent the same way (a job after commit) as the confirmation mail,
    so whether an address has an account shows neither in the answer nor in its timing."""
    site = settings.SITE_URL.rstrip("/")
    links = {
        "login_url": site + reverse("accounts:login"),
        "reset_url": site + reverse("accounts:password_reset"),
        "register_url": site + reverse("accounts:register"),
    }
    with translation.override(language):
        body = render_to_string(template, links)
        translated_subject = str(translation.gettext(subject))
    enqueue_job("accounts.send_email", to=[email], subject=translated_subject, body=body)


def do_register_or_notify(
    *, email: str, display_name: str, password: str, language: str, browser_zone: str = ""
) -> None:
    """Register a new address; for an address that has an account already, tell its owner instead
    (sign in or reset the password). The visitor sees the same answer either way."""
    if not User.objects.filter(email__iexact=email).exists():
        try:
            with transaction.atomic():
                do_register_user(
                    email=email,
                    display_name=display_name,
                    password=password,
                    language=language,
                    browser_zone=browser_zone,
                )
        except IntegrityError:
            pass  # registered a moment ago by a concurrent request: the owner gets the notice below
        else:
            return
    do_send_account_exists_notice(email=email, language=language)


def do_send_account_exists_notice(*, email: str, language: str) -> None:
    _send_notice(
        email=email,
        language=language,
        template="accounts/email/account_exists.txt",
        subject=gettext_noop("Someone tried to register with your address on techbridge"),
    )


def do_send_no_account_notice(*, email: str, language: str) -> None:
    _send_notice(
        email=email,
        language=language,
        template="accounts/email/no_account.txt",
        subject=gettext_noop("Password reset requested on techbridge"),
    )
