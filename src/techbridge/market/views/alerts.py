"""Saved searches: save the current search, manage my saved searches, and the public widget."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.csp import CSP
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csp import csp_override
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from techbridge.common.pages import current_user
from techbridge.market.access import find_listings
from techbridge.market.domain.alerts import (
    do_save_search,
    do_stop_alerts,
    filters_from_json,
    saved_search_from_unsubscribe_token,
)
from techbridge.market.domain.search import ListingFilters
from techbridge.market.enums import ListingStatus, Visibility
from techbridge.market.forms import ListingFilterForm
from techbridge.market.models import AlertFrequency, SavedSearch
from techbridge.market.views.browse import filters_from

WIDGET_SIZE = 10
WIDGET_CSP: dict[str, list[str]] = {
    "default-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "script-src": [CSP.NONE],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.NONE],
    "frame-ancestors": ["*"],
}


class SavedSearchForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = SavedSearch
        fields = ("name", "frequency")


class FrequencyForm(forms.Form):
    frequency = forms.ChoiceField(label=gettext_lazy("alert frequency"), choices=AlertFrequency.choices)


@login_required
def save_search(request: HttpRequest) -> HttpResponse:
    """GET shows the form for the search in the query string; POST saves it."""
    source = request.POST if request.method == "POST" else request.GET
    filters = filters_from(
        ListingFilterForm({k: v for k, v in source.items() if k not in ("name", "frequency")})
    )
    form = SavedSearchForm(request.POST or None, initial={"name": filters.q or _("My search")})
    if request.method == "POST" and form.is_valid():
        do_save_search(
            user=current_user(request),
            name=form.cleaned_data["name"],
            filters=filters,
            frequency=form.cleaned_data["frequency"],
        )
        messages.success(request, _("Your search is saved: new matching listings will be e-mailed to you."))
        return redirect("market:saved_searches")
    hidden = {
        k: v for k, v in source.items() if k not in ("name", "frequency", "csrfmiddlewaretoken", "page")
    }
    return render(request, "market/saved_search_form.html", {"form": form, "hidden": hidden})


@login_required
def saved_searches(request: HttpRequest) -> HttpResponse:
    searches = SavedSearch.objects.filter(user=current_user(request)).order_by("-created_at", "-id")
    rows: list[dict[str, Any]] = [
        {
            "search": search,
            "form": FrequencyForm(initial={"frequency": search.frequency}, prefix=str(search.pk)),
        }
        for search in searches
    ]
    return render(request, "market/saved_searches.html", {"rows": rows})


def _own_search(request: HttpRequest, pk: int) -> SavedSearch:
    return get_object_or_404(SavedSearch, pk=pk, user=current_user(request))


@login_required
@require_POST
def saved_search_update(request: HttpRequest, pk: int) -> HttpResponse:
    search = _own_search(request, pk)
    form = FrequencyForm(request.POST, prefix=str(search.pk))
    if form.is_valid():
        search.frequency = form.cleaned_data["frequency"]
        search.save(update_fields=["frequency"])
        messages.success(request, _("The alert frequency is changed."))
    return redirect("market:saved_searches")


@login_required
@require_POST
def saved_search_delete(request: HttpRequest, pk: int) -> HttpResponse:
    _own_search(request, pk).delete()
    messages.success(request, _("The saved search is deleted."))
    return redirect("market:saved_searches")


def widget_filters(search: SavedSearch) -> ListingFilters:
    saved = filters_from_json(search.filters)
    return ListingFilters(**{**saved.__dict__, "statuses": (ListingStatus.PUBLISHED,)})


@xframe_options_exempt
@csp_override(WIDGET_CSP)
def widget(request: HttpRequest, token: str) -> HttpResponse:
    """A small page for a partner's iframe: only PUBLIC listings, as an anonymous visitor sees them."""
    search = SavedSearch.objects.filter(widget_token=token).first()
    if search is None or len(token) < 20:
        raise Http404
    listings = find_listings(AnonymousUser(), widget_filters(search)).filter(visibility=Visibility.PUBLIC)
    return render(request, "market/widget.html", {"search": search, "listings": listings[:WIDGET_SIZE]})


# The signed token in the address is the credential, not a session cookie, and mail clients send
# RFC 8058 one-click POSTs without any CSRF token.
@csrf_exempt
def alert_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks for confirmation (link checkers must not unsubscribe anyone); POST stops the alert."""
    search = saved_search_from_unsubscribe_token(token)
    if search is None:
        raise Http404
    stopped = request.method == "POST"
    if stopped:
        do_stop_alerts(saved_search=search)
    return render(request, "market/alert_unsubscribe.html", {"search": search, "stopped": stopped})
