"""A user's notifications, their delivery preferences, and the one-click unsubscription."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from techbridge.accounts.domain.language import reader_language
from techbridge.common.pages import current_user, page_of, save_or_show
from techbridge.notifications.access import visible_notifications
from techbridge.notifications.domain.preferences import do_stop_emails, unsubscription_from_token
from techbridge.notifications.forms import PreferencesForm
from techbridge.notifications.kinds import kind_label


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    page = page_of(request, visible_notifications(request.user))
    for notification in page:
        notification.kind_label = kind_label(notification.kind)
    return render(request, "notifications/list.html", {"page": page})


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    visible_notifications(request.user).filter(read_at__isnull=True).update(read_at=timezone.now())
    return redirect("notifications:list")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    form = PreferencesForm(request.POST or None, user=user)

    def save(valid: Any) -> HttpResponse:
        valid.save()
        messages.success(request, _("Your notification settings were saved."))
        return redirect("notifications:preferences")

    def show(status: int) -> HttpResponse:
        context = {"form": form, "language_code": reader_language(user)}
        return render(request, "notifications/preferences.html", context, status=status)

    return save_or_show(request, form, save=save, show=show)


# The signed token in the address is the credential, not a session cookie, and mail clients send
# RFC 8058 one-click POSTs without any CSRF token.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks for confirmation (link checkers must not unsubscribe anyone); POST stops the e-mails."""
    found = unsubscription_from_token(token)
    if found is None:
        raise Http404
    user, kinds = found
    stopped = request.method == "POST"
    if stopped:
        do_stop_emails(user=user, kinds=kinds)
    labels = [str(kind.label) for kind in kinds]
    return render(request, "notifications/unsubscribe.html", {"kinds": labels, "stopped": stopped})
