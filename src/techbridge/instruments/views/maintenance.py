"""Pages for facility managers: edit an instrument's entry and rules, plan maintenance windows."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from techbridge.instruments.access import access_instrument, managed_instruments
from techbridge.instruments.domain.maintenance import bookings_during, do_add_blackout, do_remove_blackout
from techbridge.instruments.forms import BlackoutForm, InstrumentEditForm


def _edit_context(
    instrument: object, form: InstrumentEditForm, blackout_form: BlackoutForm
) -> dict[str, object]:
    return {
        "instrument": instrument,
        "form": form,
        "blackout_form": blackout_form,
        "blackouts": instrument.blackouts.filter(end__gt=timezone.now()),  # type: ignore[attr-defined]
    }


@login_required
@require_http_methods(["GET", "POST"])
def instrument_edit(request: HttpRequest, pk: int) -> HttpResponse:
    instrument = access_instrument(request.user, pk, for_manage=True)
    form = InstrumentEditForm(request.POST or None, instance=instrument)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
        messages.success(request, _("The instrument was saved."))
        return redirect("instruments:instrument_edit", pk=instrument.pk)
    return render(
        request, "instruments/instrument_edit.html", _edit_context(instrument, form, BlackoutForm())
    )


@login_required
@require_POST
def blackout_add(request: HttpRequest, pk: int) -> HttpResponse:
    instrument = access_instrument(request.user, pk, for_manage=True)
    blackout_form = BlackoutForm(request.POST)
    if not blackout_form.is_valid():
        context = _edit_context(instrument, InstrumentEditForm(instance=instrument), blackout_form)
        return render(request, "instruments/instrument_edit.html", context, status=400)
    data = blackout_form.cleaned_data
    blackout = do_add_blackout(
        instrument=instrument, start=data["start"], end=data["end"], label=data["label"]
    )
    affected = bookings_during(blackout).count()
    messages.success(request, _("The maintenance window was added."))
    if affected:
        messages.warning(
            request,
            ngettext(
                "%(count)d booking falls into this window: contact its user.",
                "%(count)d bookings fall into this window: contact their users.",
                affected,
            )
            % {"count": affected},
        )
    return redirect("instruments:instrument_edit", pk=instrument.pk)


@login_required
@require_POST
def blackout_remove(request: HttpRequest, pk: int, blackout_pk: int) -> HttpResponse:
    instrument = access_instrument(request.user, pk, for_manage=True)
    blackout = instrument.blackouts.filter(pk=blackout_pk).first()
    if blackout is None:
        raise Http404
    do_remove_blackout(blackout=blackout)
    messages.success(request, _("The maintenance window was removed."))
    return redirect("instruments:instrument_edit", pk=instrument.pk)


@login_required
def managed_instrument_list(request: HttpRequest) -> HttpResponse:
    instruments = managed_instruments(request.user).select_related("facility").order_by("facility_id", "id")
    return render(request, "instruments/managed_instruments.html", {"instruments": instruments})
