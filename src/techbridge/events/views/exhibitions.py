"""Exhibitions: areas, booths and showcased achievements; the live online showcase."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_http_methods, require_POST

from techbridge.directory.roles import AnyUser
from techbridge.events.access import (
    access_event,
    access_organised_area,
    access_organised_event,
    access_organised_showcase,
    can_see_stream_links,
)
from techbridge.events.domain.exhibitions import (
    areas_with_showcases,
    do_mark_presented,
    live_showcases,
    owner_visible_listing_ids,
    presenters_by_listing,
)
from techbridge.events.forms.programme import BoothForm, ExhibitionAreaForm, ShowcaseForm
from techbridge.events.models import Booth, Event, ExhibitionArea, Showcase
from techbridge.events.views.programme_helpers import event_context, save_form_page
from techbridge.market.access import visible_listings
from techbridge.market.enums import ListingKind

# The showcase page embeds the organisers' stream player (an https address they entered).
SHOWCASE_CSP: dict[str, Any] = {**settings.SECURE_CSP, "frame-src": ["https:"]}


def request_meeting_url(event: Event, showcase: Showcase, presenters: dict[int, int] | None = None) -> str:
    """The B2B "request a meeting" link to the achievement's presenter, or "" when nobody presents it."""
    if presenters is None:
        presenters = presenters_by_listing(event, [showcase.listing_id])
    presenter_id = showcase.presenter_id or presenters.get(showcase.listing_id)
    if presenter_id is None:
        return ""
    path = reverse("events:request_new", kwargs={"slug": event.slug, "pk": presenter_id})
    return f"{path}?{urlencode({'listing': showcase.listing_id})}"


@dataclass(frozen=True, slots=True)
class ShowcaseCard:
    """A showcased achievement as one viewer sees it. When the listing is anonymous to the viewer,
    neither its presenter nor its booth (booths name their organisation) is shown: the contact goes
    through the market's expression of interest, which reaches the centre's broker first."""

    showcase: Showcase
    request_url: str
    through_broker: bool
    booth: Booth | None


def _with_links(user: AnyUser, event: Event, showcases: list[Showcase]) -> list[ShowcaseCard]:
    presenters = presenters_by_listing(event, [showcase.listing_id for showcase in showcases])
    named = owner_visible_listing_ids(user, [showcase.listing_id for showcase in showcases])
    cards = []
    for showcase in showcases:
        if showcase.listing_id in named:
            url = request_meeting_url(event, showcase, presenters)
            cards.append(ShowcaseCard(showcase, url, through_broker=False, booth=showcase.booth))
        else:
            url = reverse("market:interest_create", args=[showcase.listing_id])
            cards.append(ShowcaseCard(showcase, url, through_broker=True, booth=None))
    return cards


def exhibition(request: HttpRequest, slug: str) -> HttpResponse:
    event = access_event(request.user, slug)
    context = event_context(request, event, "exhibition")
    context["areas"] = [
        (area, _with_links(request.user, event, showcases))
        for area, showcases in areas_with_showcases(request.user, event)
    ]
    return render(request, "events/programme/exhibition.html", context)


@csp_override(SHOWCASE_CSP)
def showcase_live(request: HttpRequest, slug: str) -> HttpResponse:
    event = access_event(request.user, slug)
    context = event_context(request, event, "showcase")
    show_stream = can_see_stream_links(request.user, event)
    streams = (
        list(ExhibitionArea.objects.filter(event=event).exclude(online_stream_url="")) if show_stream else []
    )
    context.update(
        {
            "streams": streams,
            "show_stream": show_stream,
            "presented": _with_links(request.user, event, list(live_showcases(request.user, event))),
            "all_showcases": (
                list(Showcase.objects.filter(area__event=event).select_related("listing", "area"))
                if context["organiser"]
                else []
            ),
        }
    )
    return render(request, "events/programme/showcase_live.html", context)


@login_required
@require_POST
def showcase_presented(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = access_organised_event(request.user, slug)
    showcase = access_organised_showcase(request.user, event, pk)
    do_mark_presented(showcase=showcase, presented=request.POST.get("presented") != "0", now=timezone.now())
    return redirect("events:showcase_live", event.slug)


@login_required
@require_http_methods(["GET", "POST"])
def area_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    event = access_organised_event(request.user, slug)
    area = access_organised_area(request.user, event, pk) if pk is not None else ExhibitionArea(event=event)
    form = ExhibitionAreaForm(request.POST or None, instance=area, event=event)
    heading = _("Edit the exhibition area") if pk is not None else _("New exhibition area")
    return save_form_page(
        request,
        event,
        form=form,
        heading=heading,
        saved=_("The exhibition area was saved."),
        next_page="events:exhibition",
        tab="exhibition",
    )


@login_required
@require_http_methods(["GET", "POST"])
def booth_new(request: HttpRequest, slug: str, area_pk: int) -> HttpResponse:
    event = access_organised_event(request.user, slug)
    area = access_organised_area(request.user, event, area_pk)
    form = BoothForm(request.POST or None)
    form.instance.area = area
    return save_form_page(
        request,
        event,
        form=form,
        heading=_("New booth"),
        saved=_("The booth was saved."),
        next_page="events:exhibition",
        tab="exhibition",
    )


@login_required
@require_http_methods(["GET", "POST"])
def showcase_new(request: HttpRequest, slug: str, area_pk: int) -> HttpResponse:
    event = access_organised_event(request.user, slug)
    area = access_organised_area(request.user, event, area_pk)
    offers = visible_listings(request.user).filter(kind=ListingKind.OFFER)
    form = ShowcaseForm(request.POST or None, area=area, listings=offers)
    form.instance.area = area
    return save_form_page(
        request,
        event,
        form=form,
        heading=_("Showcase an achievement"),
        saved=_("The achievement was added."),
        next_page="events:exhibition",
        tab="exhibition",
    )
