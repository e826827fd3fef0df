"""A user's notifications, their delivery preferences, and the one-click unsubscription."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from techbridge.accounts.domain.language import reader_language
from techbridge.notifications.access import visible_notifications
from techbridge.notifications.domain.preferences import do_stop_emails, unsubscription_from_token
from techbridge.notifications.forms import PreferencesForm
from techbridge.notifications.kinds import kind_label

PAGE_SIZE = 20


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(visible_notifications(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    for notification in page:
        notification.kind_label = kind_label(notification.kind)  # type: ignore[attr-defined]
    return render(request, "notifications/list.html", {"page": page})


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    visible_notifications(request.user).filter(read_at__isnull=True).update(read_at=timezone.now())
    return redirect("notifications:list")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    form = PreferencesForm(request.POST or None, user=request.user)  # type: ignore[arg-type]
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your notification settings were saved."))
        return redirect("notifications:preferences")
    context = {"form": form, "language_code": reader_language(request.user)}  # type: ignore[arg-type]
    return render(request, "notifications/preferences.html", context)


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
