"""The operator workbench: review queue with quality checks, bulk actions, per-centre statistics;
and every user's own listings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from techbridge.common.pages import page_of
from techbridge.directory.access import visible_centres
from techbridge.directory.roles import is_operator, is_platform_admin
from techbridge.market.access import (
    my_managed_listings,
    reviewable_listings,
    visible_interests,
    with_owner_visibility,
)
from techbridge.market.domain.lifecycle import ListingActionError
from techbridge.market.domain.quality import duplicate_pool, review_issues
from techbridge.market.domain.search import with_list_relations
from techbridge.market.domain.statistics import centre_statistics
from techbridge.market.enums import EoiStatus, ListingKind, ListingStatus
from techbridge.market.forms import BulkActionForm
from techbridge.market.views.common import act_on_listing

QUEUE_STATUSES = (ListingStatus.SUBMITTED, ListingStatus.UNDER_REVIEW)


def _require_operator(request: HttpRequest) -> None:
    if not (is_operator(request.user) or is_platform_admin(request.user)):
        raise Http404


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    _require_operator(request)
    queue = with_list_relations(
        with_owner_visibility(reviewable_listings(request.user), request.user).filter(
            status__in=QUEUE_STATUSES
        )
    ).order_by("submitted_at", "id")
    page = page_of(request, queue)
    pool = duplicate_pool(reviewable_listings(request.user), kinds={listing.kind for listing in page})
    rows = [(listing, review_issues(listing, pool=pool)) for listing in page]
    context = {"page": page, "rows": rows, "bulk_form": BulkActionForm()}
    return render(request, "market/review_queue.html", context)


@login_required
@require_POST
def review_bulk(request: HttpRequest) -> HttpResponse:
    _require_operator(request)
    form = BulkActionForm(request.POST)
    ids = [int(value) for value in request.POST.getlist("listings") if value.isdigit()]
    if not form.is_valid() or not ids:
        messages.error(request, _("Choose an action and at least one listing."))
        return redirect("market:review")
    done, refused = 0, []
    for listing in reviewable_listings(request.user).filter(pk__in=ids).order_by("id"):
        try:
            act_on_listing(request, listing, form)
            done += 1
        except ListingActionError as error:
            refused.append(f"#{listing.pk}: {error.message}")
    messages.success(request, _("%(count)d listings updated.") % {"count": done})
    for line in refused:
        messages.error(request, line)
    return redirect("market:review")


@login_required
def statistics(request: HttpRequest) -> HttpResponse:
    _require_operator(request)
    listings = reviewable_listings(request.user)
    interests = visible_interests(request.user).filter(listing__in=listings)
    figures = centre_statistics(listings=listings, interests=interests)
    centres = {
        centre.pk: centre for centre in visible_centres(request.user).filter(pk__in=[k for k in figures if k])
    }
    rows = [(centres.get(centre_id) if centre_id else None, figure) for centre_id, figure in figures.items()]
    context = {
        "rows": rows,
        "statuses": ListingStatus.choices,
        "kinds": ListingKind.choices,
        "eoi_statuses": EoiStatus.choices,
    }
    return render(request, "market/statistics.html", context)


@login_required
def my_listings(request: HttpRequest) -> HttpResponse:
    listings = with_list_relations(
        with_owner_visibility(my_managed_listings(request.user), request.user)
    ).order_by("-updated_at", "-id")
    return render(request, "market/my_listings.html", {"page": page_of(request, listings)})
