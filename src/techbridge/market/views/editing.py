"""Writing listings: create, edit, lifecycle actions, attachments."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from techbridge.directory.domain.onboarding import onboarding_state
from techbridge.market.access import (
    access_attachment,
    access_listing,
    listing_roles,
    publishing_organisations,
)
from techbridge.market.domain.lifecycle import ListingActionError
from techbridge.market.domain.listings import do_save_listing
from techbridge.market.enums import ListingKind
from techbridge.market.forms import ActionForm, AttachmentForm, ListingForm
from techbridge.market.models import Listing, ListingAttachment
from techbridge.market.views.common import act_on_listing, now
from techbridge_core.market.lifecycle import Action, Status, can_edit

M2M = ("technology_fields", "industries", "shared_with")


def _save(form: ListingForm, request: HttpRequest) -> Listing:
    listing: Listing = form.save(commit=False)
    listing.kind = form.kind
    related = {name: form.cleaned_data.get(name) for name in M2M}
    return do_save_listing(listing=listing, actor=request.user, now=now(), **related)  # type: ignore[arg-type]


@login_required
def listing_choose_kind(request: HttpRequest) -> HttpResponse:
    context = {
        "kinds": ListingKind.choices if publishing_organisations(request.user).exists() else [],
        "state": onboarding_state(request.user),  # type: ignore[arg-type]
    }
    return render(request, "market/listing_choose_kind.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def listing_create(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in ListingKind.values:
        raise Http404
    choices = publishing_organisations(request.user)
    if not choices.exists():
        messages.info(request, _("To post a listing, first join an organisation or propose a new one."))
        return redirect("directory:welcome")
    form = ListingForm(
        request.POST or None,
        kind=kind,
        owner_choices=choices,
        initial={"owner_organisation": choices.first()},
    )
    if request.method == "POST" and form.is_valid():
        listing = _save(form, request)
        messages.success(request, _("The draft was saved. Submit it for review when it is ready."))
        return redirect("market:listing", pk=listing.pk)
    return render(request, "market/listing_form.html", {"form": form, "kind": ListingKind(kind).label})


@login_required
@require_http_methods(["GET", "POST"])
def listing_edit(request: HttpRequest, pk: int) -> HttpResponse:
    listing = access_listing(request.user, pk, for_edit=True)
    if not can_edit(status=Status(listing.status), roles=listing_roles(request.user, listing)):
        messages.error(request, _("This listing cannot be edited in its current status."))
        return redirect("market:listing", pk=listing.pk)
    form = ListingForm(
        request.POST or None,
        instance=listing,
        kind=listing.kind,
        owner_choices=publishing_organisations(request.user),
    )
    if request.method == "POST" and form.is_valid():
        _save(form, request)
        messages.success(request, _("The listing was saved."))
        return redirect("market:listing", pk=listing.pk)
    context = {"form": form, "listing": listing, "kind": ListingKind(listing.kind).label}
    return render(request, "market/listing_form.html", context)


@login_required
@require_POST
def listing_action(request: HttpRequest, pk: int) -> HttpResponse:
    listing = access_listing(request.user, pk, for_edit=True)
    form = ActionForm(request.POST)
    if not form.is_valid() or form.cleaned_data["action"] not in Action.__members__.values():
        messages.error(request, _("Unknown action."))
        return redirect("market:listing", pk=listing.pk)
    try:
        act_on_listing(request, listing, form)
    except ListingActionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Done."))
    return redirect("market:listing", pk=listing.pk)


@login_required
@require_POST
def attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    listing = access_listing(request.user, pk, for_edit=True)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        ListingAttachment.objects.create(
            listing=listing,
            file=upload,
            original_name=(upload.name or "attachment")[:200],
            content_type=form.content_type,
            size=upload.size,
        )
        messages.success(request, _("The file was attached."))
    else:
        for error in form.errors.get("file", []):
            messages.error(request, str(error))
    return redirect("market:listing", pk=listing.pk)


def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    attachment = access_attachment(request.user, pk)
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["Cache-Control"] = "private"
    return response
