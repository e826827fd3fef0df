"""Small helpers shared by the programme-side views."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from techbridge.common.pages import save_or_show
from techbridge.events.access import is_approved_participant, own_registration
from techbridge.events.models import Event
from techbridge.events.roles import is_organiser


def event_context(request: HttpRequest, event: Event, tab: str) -> dict[str, Any]:
    """What the event's navigation needs on every page of the event."""
    return {
        "event": event,
        "tab": tab,
        "organiser": is_organiser(request.user, event),
        "registration": own_registration(request.user, event),
        "approved_participant": is_approved_participant(request.user, event),
    }


def form_page(
    request: HttpRequest,
    event: Event | None,
    *,
    form: Any,
    heading: str,
    tab: str = "edit",
    status: int = 200,
) -> HttpResponse:
    context: dict[str, Any] = {"form": form, "heading": heading}
    if event is not None:
        context.update(event_context(request, event, tab))
    return render(request, "events/edit.html", context, status=status)


def save_form_page(
    request: HttpRequest,
    event: Event,
    *,
    form: Any,
    heading: str,
    saved: str,
    next_page: str,
    tab: str = "edit",
) -> HttpResponse:
    """An organiser's edit page: GET shows the form; a valid POST saves it, says `saved` and goes to
    the event's `next_page`; an invalid one shows the errors with status 400."""

    def save(valid_form: Any) -> HttpResponse:
        valid_form.save()
        messages.success(request, saved)
        return redirect(next_page, event.slug)

    return save_or_show(
        request,
        form,
        save=save,
        show=lambda status: form_page(request, event, form=form, heading=heading, tab=tab, status=status),
    )
