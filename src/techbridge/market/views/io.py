"""Export of any filtered listing list (CSV/XLSX) and import of listings/organisations with a preview."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from techbridge.accounts.models import User
from techbridge.common.pages import current_user
from techbridge.market.access import find_listings, recent_import_batches
from techbridge.market.domain.exporting import export_csv, export_xlsx
from techbridge.market.domain.importing import (
    ImportPlan,
    ImportRefusedError,
    do_import,
    may_import,
    plan_import,
)
from techbridge.market.forms import ListingFilterForm
from techbridge.market.views.browse import filters_from
from techbridge.market.views.common import now
from techbridge_core.market.spreadsheet import MAX_FILE_BYTES

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
SESSION_KEY = "market_import"


def export_listings(request: HttpRequest, fmt: str) -> HttpResponse:
    """The listings of the search page's filters, as the requesting user sees them."""
    if fmt not in CONTENT_TYPES:
        fmt = "csv"
    listings = find_listings(request.user, filters_from(ListingFilterForm(request.GET or None)))
    data = export_csv(listings) if fmt == "csv" else export_xlsx(listings)
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="listings.{fmt}"'
    return response


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("what to import"),
        choices=(("listings", gettext_lazy("Listings")), ("organisations", gettext_lazy("Organisations"))),
    )
    file = forms.FileField(
        label=gettext_lazy("file (.csv or .xlsx)"),
        help_text=gettext_lazy("At most 20 MB and 50,000 rows; the first row names the columns."),
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("The file is too large (%(size)d MB): at most %(limit)d MB can be imported."),
                params={"size": upload.size // (1024 * 1024), "limit": MAX_FILE_BYTES // (1024 * 1024)},
            )
        return upload


def _pending_dir() -> Path:
    folder = Path(settings.DATA_DIR) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _check(request: HttpRequest) -> User:
    user = current_user(request)
    if not may_import(user):
        raise PermissionDenied
    return user


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    user = _check(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    plan: ImportPlan | None = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            plan = plan_import(user=user, kind=form.cleaned_data["kind"], data=data, filename=upload.name)
        except ImportRefusedError as refusal:
            errors = refusal.errors
        else:
            (_pending_dir() / plan.sha256).write_bytes(data)
            request.session[SESSION_KEY] = {
                "sha256": plan.sha256,
                "kind": plan.kind,
                "filename": plan.filename,
            }
    batches = recent_import_batches(user)
    context = {"form": form, "errors": errors, "plan": plan, "batches": batches}
    return render(request, "market/import.html", context, status=422 if errors else 200)


@login_required
@require_POST
def import_commit(request: HttpRequest) -> HttpResponse:
    user = _check(request)
    pending = request.session.pop(SESSION_KEY, None)
    path = _pending_dir() / str((pending or {}).get("sha256", "missing"))
    if not pending or request.POST.get("sha256") != pending["sha256"] or not path.is_file():
        messages.error(request, _("Nothing to import: upload the file again."))
        return redirect("market:import")
    try:
        plan = plan_import(
            user=user, kind=pending["kind"], data=path.read_bytes(), filename=pending["filename"]
        )
        batch = do_import(plan=plan, user=user, now=now())
    except ImportRefusedError as refusal:
        return render(
            request, "market/import.html", {"form": ImportForm(), "errors": refusal.errors}, status=422
        )
    finally:
        path.unlink(missing_ok=True)
    messages.success(
        request,
        _("Imported %(created)d new of %(rows)d rows from %(name)s.")
        % {
            "created": 0 if plan.already_imported else batch.created,
            "rows": batch.rows,
            "name": batch.filename,
        },
    )
    return redirect("market:import")
