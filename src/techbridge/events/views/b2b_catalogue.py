"""The B2B participant catalogue (approved participants and organisers only) and one participant's entry."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from techbridge.common.pages import is_htmx, page_of
from techbridge.events.access import (
    access_b2b_event,
    access_catalogue_entry,
    b2b_catalogue,
    can_see_participants,
    catalogue_listings,
    own_registration,
)
from techbridge.events.domain.availability import availability_summary, meets_online
from techbridge.events.domain.catalogue import filter_catalogue, recommended_partners, with_shown_listings
from techbridge.events.domain.requests import apply_expiry
from techbridge.events.enums import RegistrationStatus
from techbridge.events.forms.b2b import CatalogueFilterForm
from techbridge.events.roles import is_organiser


@login_required
def catalogue(request: HttpRequest, slug: str) -> HttpResponse:
    event = access_b2b_event(request.user, slug)
    if not can_see_participants(request.user, event):
        # The catalogue exists only for the event's participants and organisers.
        raise Http404
    apply_expiry(event=event, now=timezone.now())
    form = CatalogueFilterForm(request.GET or None)
    shown = catalogue_listings(request.user)
    participants = b2b_catalogue(request.user, event)
    viewer = own_registration(request.user, event)
    found = filter_catalogue(participants, shown, form.filters())
    context = {
        "event": event,
        "form": form,
        "page": page_of(request, found),
        "total": len(found),
        "viewer": viewer,
        "is_organiser": is_organiser(request.user, event),
    }
    if is_htmx(request):
        return render(request, "events/b2b/_catalogue_results.html", context)
    if viewer is not None and viewer.b2b:
        context["recommendations"] = recommended_partners(
            user=request.user, viewer=viewer, catalogue=participants, shown=shown
        )
        context["viewer_has_listings"] = viewer.listings.exists()
    return render(request, "events/b2b/catalogue.html", context)


@login_required
def participant(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = access_b2b_event(request.user, slug)
    entry = access_catalogue_entry(request.user, event, pk)
    entry = with_shown_listings(b2b_catalogue(request.user, event), catalogue_listings(request.user)).get(
        pk=entry.pk
    )
    viewer = own_registration(request.user, event)
    can_request = (
        viewer is not None
        and viewer.b2b
        and viewer.pk != entry.pk
        and viewer.status == RegistrationStatus.APPROVED
    )
    context = {
        "event": event,
        "entry": entry,
        "viewer": viewer,
        "can_request": can_request,
        "hours": availability_summary(entry, event),
        "online": viewer is not None and meets_online(viewer, entry),
    }
    return render(request, "events/b2b/participant.html", context)
