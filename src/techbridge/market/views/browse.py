"""Browsing: the search page with facets, the listing page, its QR code and printable PDF, feeds."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from techbridge.common.countries import country_name
from techbridge.common.multilingual import localize
from techbridge.common.pages import DeferredResults, is_htmx, page_of
from techbridge.directory.roles import AnyUser
from techbridge.market.access import (
    access_listing,
    find_listings,
    listing_facets,
    listing_roles,
    visibility_scope,
)
from techbridge.market.domain.lifecycle import publication_dates
from techbridge.market.domain.printing import (
    PrintableListing,
    listing_facts,
    listing_reference,
    qr_svg,
    render_listing_pdf,
)
from techbridge.market.domain.ranking import ranking_backend
from techbridge.market.domain.search import ListingFilters, ranked_listings
from techbridge.market.enums import DevelopmentStage, IprStatus, ListingAction, ListingKind, ListingStatus
from techbridge.market.forms import ListingFilterForm
from techbridge.market.models import Listing
from techbridge.market.views.common import now
from techbridge_core.market.expiry import renewal_refusal
from techbridge_core.market.lifecycle import Action, Role, Status, available_actions, can_edit

FEED_SIZE = 50


def filters_from(form: ListingFilterForm) -> ListingFilters:
    if not form.is_valid():
        return ListingFilters()
    data = form.cleaned_data
    return ListingFilters(
        q=data["q"],
        kinds=(data["kind"],) if data["kind"] else (),
        field_ids=(data["field"].pk,) if data["field"] else (),
        industry_ids=(data["industry"].pk,) if data["industry"] else (),
        country=data["country"],
        stage=data["stage"],
        trl_min=data["trl_min"],
        ipr_status=data["ipr_status"],
        partnership_type=data["partnership"],
        centre_id=data["centre"].pk if data["centre"] else None,
        language=data["language"],
        sort=data["sort"] or "relevance",
    )


def listing_list(request: HttpRequest) -> HttpResponse:
    form = ListingFilterForm(request.GET or None)
    filters = filters_from(form)
    ranking = ranking_backend()  # one per request: the page and its counts rank the query once
    listings = DeferredResults(
        lambda: ranked_listings(
            find_listings(request.user, filters, ranking=ranking), filters=filters, ranking=ranking
        )
    )
    summary = listing_facets(request.user, filters, ranking=ranking)
    context = {
        "form": form,
        "page": page_of(request, listings, count=summary.total),
        "facets": _labelled(summary.facets),
        "fragment_key": _fragment_key(request, summary.revision, ranking.name),
    }
    template = "market/_listing_results.html" if is_htmx(request) else "market/listing_list.html"
    return render(request, template, context)


def _fragment_key(request: HttpRequest, revision: str, ranking: str) -> str:
    """What the cached form and results fragments show depends on: the data (revision), who looks
    (visibility scope), how keywords match, the language, the query string (filters, sort, page, links)."""
    scope = visibility_scope(request.user)
    parts = [revision, scope, ranking, get_language(), request.GET.urlencode()]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def _labelled(facets: dict[str, list[tuple[str, int]]]) -> dict[str, list[tuple[str, str, int]]]:
    labels: dict[str, Any] = {
        "kind": dict(ListingKind.choices),
        "stage": dict(DevelopmentStage.choices),
        "ipr_status": dict(IprStatus.choices),
    }
    return {
        name: [
            (value, str(labels[name].get(value, value)) if name in labels else country_name(value), total)
            for value, total in rows
        ]
        for name, rows in facets.items()
    }


def _actions(user: AnyUser, listing: Listing) -> list[tuple[str, str]]:
    roles = listing_roles(user, listing)
    actions = available_actions(status=Status(listing.status), roles=roles)
    if Action.RENEW in actions and renewal_refusal(publication_dates(listing), now=now()):
        actions = tuple(action for action in actions if action is not Action.RENEW)
    return [(action.value, str(ListingAction(action.value).label)) for action in actions]


def listing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    listing = access_listing(request.user, pk)
    roles = listing_roles(request.user, listing)
    url = request.build_absolute_uri(reverse("market:listing", args=[listing.pk]))
    context = {
        "listing": listing,
        "roles": [role.value for role in roles],
        "is_manager": bool(roles),
        "can_edit": can_edit(status=Status(listing.status), roles=roles),
        "actions": _actions(request.user, listing),
        "history": listing.transitions.select_related("actor") if roles else [],
        "attachments": listing.attachments.all(),
        "fields": listing.technology_fields.all(),
        "industries": listing.industries.all(),
        "qr": mark_safe(qr_svg(url)),
        "may_express_interest": (
            request.user.is_authenticated
            and listing.status == ListingStatus.PUBLISHED
            and listing.open_for_interest
            and Role.OWNER not in roles
        ),
        "interest_count": listing.interests.count() if roles else None,
        "facts": listing_facts(listing, owner_visible=getattr(listing, "owner_visible", False)),
        "reference": listing_reference(listing),
        "invite_to_sign_in": not request.user.is_authenticated
        and listing.status == ListingStatus.PUBLISHED
        and listing.open_for_interest,
    }
    return render(request, "market/listing_detail.html", context)


def listing_qr(request: HttpRequest, pk: int) -> HttpResponse:
    listing = access_listing(request.user, pk)
    url = request.build_absolute_uri(reverse("market:listing", args=[listing.pk]))
    return HttpResponse(qr_svg(url), content_type="image/svg+xml")


def _printable(request: HttpRequest, listing: Listing) -> PrintableListing:
    facts = listing_facts(listing, owner_visible=getattr(listing, "owner_visible", False))
    owner = (
        _("Owner: %(name)s") % {"name": localize(listing.owner_organisation.name)}
        if getattr(listing, "owner_visible", False)
        else _("Owner: anonymous — contact the technology broker of the centre")
    )
    return PrintableListing(
        title=str(localize(listing.title)),
        kind=str(ListingKind(listing.kind).label),
        summary=str(localize(listing.summary)),
        description=strip_tags(str(localize(listing.description))),
        facts=facts,
        owner=owner,
        url=request.build_absolute_uri(reverse("market:listing", args=[listing.pk])),
        footer=_("techbridge technology trade market"),
    )


def listing_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    listing = access_listing(request.user, pk)
    owner_visible = getattr(listing, "owner_visible", False)
    key = f"market-pdf:{listing.pk}:{listing.updated_at.timestamp()}:{get_language()}:{owner_visible}"
    response = HttpResponse(
        render_listing_pdf(_printable(request, listing), cache_key=key), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="listing-{listing.pk}.pdf"'
    response["Cache-Control"] = "private"
    return response


class NewListingsFeed(Feed):  # type: ignore[type-arg]
    """New published listings the requester may see; anonymous owners stay hidden here too."""

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> AnyUser:
        self.request = request
        return request.user

    def title(self) -> str:
        return _("New technology listings")

    def link(self) -> str:
        return reverse("market:listings")

    def description(self) -> str:
        return _("Technology offers, demands and cooperation requests newly published on techbridge.")

    def items(self, user: AnyUser) -> list[Listing]:
        listings = find_listings(user, ListingFilters(sort="newest"))
        return list(listings[:FEED_SIZE])

    def item_title(self, item: Listing) -> str:
        return str(localize(item.title))

    def item_description(self, item: Listing) -> str:
        return str(localize(item.summary))

    def item_link(self, item: Listing) -> str:
        return reverse("market:listing", args=[item.pk])

    def item_pubdate(self, item: Listing) -> Any:
        return item.published_at

    def item_author_name(self, item: Listing) -> str | None:
        return str(localize(item.owner_organisation.name)) if getattr(item, "owner_visible", False) else None

    def item_categories(self, item: Listing) -> list[str]:
        return [str(ListingKind(item.kind).label)]


class NewListingsAtomFeed(NewListingsFeed):
    feed_type = Atom1Feed
    subtitle = NewListingsFeed.description
