from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, get_supported_language_variant
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django.views.i18n import set_language as switch_language

from techbridge.accounts.domain.language import do_set_preferred_language
from techbridge.accounts.domain.registration import check_confirm_email, do_register_or_notify
from techbridge.accounts.domain.throttle import Blocked, take_attempt
from techbridge.accounts.domain.time_zone import do_set_time_zone
from techbridge.accounts.domain.tokens import do_create_api_token, do_revoke_api_token
from techbridge.accounts.forms import (
    ApiTokenForm,
    EmailAuthenticationForm,
    NoEnumerationPasswordResetForm,
    RegistrationForm,
    TimeZoneForm,
)
from techbridge.common.client import client_address

TOO_MANY_REQUESTS = 429


def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch; a signed-in user's choice also becomes their preferred language,
    the one their notifications and e-mails are written in."""
    response = switch_language(request)
    if request.method == "POST" and request.user.is_authenticated:
        try:
            language = get_supported_language_variant(request.POST.get("language", ""))
        except LookupError:
            return response
        do_set_preferred_language(user=request.user, language=language)
    return response


@login_required
@require_POST
def set_time_zone(request: HttpRequest) -> HttpResponse:
    """The zone every time is shown in for this user (and written in, in notifications and e-mails)."""
    form = TimeZoneForm(request.POST)
    if form.is_valid() and do_set_time_zone(user=request.user, zone=form.cleaned_data["time_zone"]):  # type: ignore[arg-type]
        messages.success(request, _("Your time zone was saved."))
    else:
        messages.error(request, _("Choose a time zone from the list."))
    return redirect(_next_page(request, fallback="my_profile"))


def _next_page(request: HttpRequest, *, fallback: str) -> str:
    """The form's `next` when it points into this site, else the fallback page."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(fallback)


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True

    def form_invalid(self, form: EmailAuthenticationForm) -> HttpResponse:  # type: ignore[override]
        response = super().form_invalid(form)
        if form.throttled:
            response.status_code = TOO_MANY_REQUESTS
        return response


def _throttled(request: HttpRequest, scope: str, account: str) -> Blocked | None:
    """Count one attempt of `scope` for the account and the client address, unless already blocked."""
    checks = ((f"{scope}.account", account.strip().lower()), (f"{scope}.address", client_address(request)))
    return take_attempt(*checks, request=request)


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")
    form_class = NoEnumerationPasswordResetForm

    def form_valid(self, form: NoEnumerationPasswordResetForm) -> HttpResponse:  # type: ignore[override]
        block = _throttled(self.request, "password_reset", form.cleaned_data["email"])
        if block is not None:
            form.add_error(None, block.message)
            response = self.form_invalid(form)
            response.status_code = TOO_MANY_REQUESTS
            return response
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        block = _throttled(request, "register", data["email"])
        if block is not None:
            form.add_error(None, block.message)
            return render(request, "accounts/register.html", {"form": form}, status=TOO_MANY_REQUESTS)
        do_register_or_notify(
            email=data["email"],
            display_name=data["display_name"],
            password=data["password"],
            language=get_language() or "en",
            browser_zone=data["browser_zone"],
        )
        return render(request, "accounts/register_done.html", {"email": data["email"]})
    return render(request, "accounts/register.html", {"form": form})


def confirm_email(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    user = check_confirm_email(uidb64=uidb64, token=token)
    if user is None:
        return render(request, "accounts/confirm_invalid.html", status=400)
    messages.success(request, _("Your e-mail address is confirmed. You can sign in now."))
    return redirect("accounts:login")


@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST or None)
    new_secret = None
    if request.method == "POST" and form.is_valid():
        block = take_attempt(("api_token.user", str(request.user.pk)), request=request)
        if block is not None:
            form.add_error(None, block.message)
        else:
            _token, new_secret = do_create_api_token(user=request.user, name=form.cleaned_data["name"])  # type: ignore[arg-type]
            form = ApiTokenForm()
    tokens = request.user.api_tokens.filter(revoked_at__isnull=True)  # type: ignore[union-attr]
    return render(request, "accounts/tokens.html", {"form": form, "tokens": tokens, "new_secret": new_secret})


@login_required
@require_POST
def revoke_api_token(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(request.user.api_tokens.filter(revoked_at__isnull=True), pk=pk)  # type: ignore[union-attr]
    do_revoke_api_token(token=token)
    messages.success(request, _("The token was revoked."))
    return redirect("accounts:tokens")
