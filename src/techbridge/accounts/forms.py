from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from techbridge.accounts.domain.registration import do_send_no_account_notice
from techbridge.accounts.domain.throttle import count_attempts, first_blocked
from techbridge.accounts.models import User
from techbridge.common.client import client_address
from techbridge.common.forms import time_zone_choices
from techbridge.common.jobs import enqueue_job
from techbridge.common.sanitize import reject_html


class ThrottledSignInMixin(AuthenticationForm):
    """Sign-in, throttled per account and per client address: after too many wrong passwords the
    form refuses even the right one until the window ends, and says when to try again."""

    throttled = False

    def _throttle_checks(self) -> tuple[tuple[str, str], ...]:
        email = str(self.data.get("username") or "").strip().lower()
        return (("sign_in.account", email), ("sign_in.address", client_address(self.request)))

    def clean(self) -> dict[str, Any]:
        checks = self._throttle_checks()
        block = first_blocked(*checks)
        if block is not None:
            self.throttled = True
            raise ValidationError(block.message, code="throttled")
        try:
            return super().clean()
        except ValidationError as error:
            block = count_attempts(*checks, request=self.request)
            if block is not None:
                self.throttled = True
                raise ValidationError(block.message, code="throttled") from error
            raise


class EmailAuthenticationForm(ThrottledSignInMixin):
    username = forms.EmailField(label=_("E-mail address"), widget=forms.EmailInput(attrs={"autofocus": True}))


class AdminSignInForm(ThrottledSignInMixin, AdminAuthenticationForm):
    """The admin site's sign-in, under the same throttle (it is another door to the same accounts)."""


class NoEnumerationPasswordResetForm(PasswordResetForm):
    """Password reset that answers and mails the same way whether or not the address has an
    account: the reset link to an account, a "there is no account" notice otherwise; both are
    sent by the background job, so the timing tells nothing either."""

    def send_mail(  # noqa: PLR0917 - the signature of Django's PasswordResetForm
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        body = render_to_string(email_template_name, context)
        enqueue_job("accounts.send_email", to=[to_email], subject=subject, body=body)

    def save(self, *args: Any, **kwargs: Any) -> None:
        email = self.cleaned_data["email"]
        if not any(True for _user in self.get_users(email)):
            do_send_no_account_notice(email=email, language=get_language() or "en")
            return
        super().save(*args, **kwargs)


class RegistrationForm(forms.Form):
    display_name = forms.CharField(label=_("Your name"), max_length=150, validators=[reject_html])
    email = forms.EmailField(label=_("E-mail address"))
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput, strip=False)
    password_again = forms.CharField(label=_("Password again"), widget=forms.PasswordInput, strip=False)
    # Filled in by the browser (static/techbridge/menu.js); anything unusable is ignored, not refused.
    browser_zone = forms.CharField(
        required=False, max_length=64, widget=forms.HiddenInput(attrs={"data-browser-zone": ""})
    )

    def clean_email(self) -> str:
        # An address that has an account is not refused here (that would tell who is registered):
        # its owner gets a notice by e-mail instead (domain.registration.do_register_or_notify).
        email: str = self.cleaned_data["email"].strip().lower()
        return email

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        password, again = cleaned.get("password"), cleaned.get("password_again")
        if password and again and password != again:
            self.add_error("password_again", _("The two passwords differ."))
        if password:
            candidate = User(email=cleaned.get("email", ""), display_name=cleaned.get("display_name", ""))
            try:
                password_validation.validate_password(password, candidate)
            except ValidationError as error:
                self.add_error("password", error)
        return cleaned


class ApiTokenForm(forms.Form):
    name = forms.CharField(label=_("Token name"), max_length=100, validators=[reject_html])


class TimeZoneForm(forms.Form):
    time_zone = forms.ChoiceField(label=_("My time zone"), choices=time_zone_choices)
