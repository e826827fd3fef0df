from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from techbridge.common.countries import country_choices
from techbridge.common.forms import LocalDateTimeField
from techbridge.common.multilingual import localize
from techbridge.common.sanitize import reject_html
from techbridge.common.validation import validate_plain_text
from techbridge.instruments.enums import BookingMode, InstrumentStatus
from techbridge.instruments.models import Instrument, InstrumentCategory, SubsidyScheme


def category_choices() -> list[tuple[str, str]]:
    rows = InstrumentCategory.objects.order_by("code")
    return [("", str(_("All categories")))] + [
        (row.code, ("— " if row.parent_id else "") + str(localize(row.name))) for row in rows
    ]


class InstrumentFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    category = forms.ChoiceField(label=_("Category"), required=False, choices=category_choices)
    country = forms.ChoiceField(
        label=_("Country"), required=False, choices=lambda: [("", _("All countries")), *country_choices()]
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *InstrumentStatus.choices]
    )


class BookingForm(forms.Form):
    start = LocalDateTimeField(label=_("From (instrument's local time)"))
    end = LocalDateTimeField(label=_("Until (instrument's local time)"))
    mode = forms.ChoiceField(
        label=_("Kind of use"), choices=BookingMode.choices, initial=BookingMode.SELF_SERVICE
    )
    samples = forms.IntegerField(
        label=_("Number of samples"), min_value=0, max_value=10_000, initial=0, required=False
    )
    purpose = forms.CharField(
        label=_("Purpose"),
        max_length=500,
        required=False,
        validators=[validate_plain_text],
        widget=forms.TextInput,
    )
    scheme = forms.ModelChoiceField(
        label=_("Subsidy or innovation voucher"),
        queryset=SubsidyScheme.objects.none(),
        required=False,
        empty_label=_("None"),
    )

    def __init__(
        self, *args: Any, instrument: Instrument, schemes: QuerySet[SubsidyScheme], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.zone = ZoneInfo(instrument.facility.time_zone)
        scheme_field = self.fields["scheme"]
        assert isinstance(scheme_field, forms.ModelChoiceField)  # noqa: S101 - narrows the type
        scheme_field.queryset = schemes
        modes = [(value, label) for value, label in BookingMode.choices if self._offers(instrument, value)]
        mode_field = self.fields["mode"]
        assert isinstance(mode_field, forms.ChoiceField)  # noqa: S101 - narrows the type
        mode_field.choices = modes

    @staticmethod
    def _offers(instrument: Instrument, mode: str) -> bool:
        if mode == BookingMode.SELF_SERVICE:
            return instrument.self_service_allowed
        return instrument.operated_available

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("start", "end"):
            if data.get(name) is not None:
                data[name] = data[name].replace(tzinfo=self.zone)
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", _("The end must be after the start."))
        data["samples"] = data.get("samples") or 0
        return data


class DecisionForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the user"), max_length=500, required=False, validators=[validate_plain_text]
    )


class InstrumentEditForm(forms.ModelForm):  # type: ignore[type-arg]
    """What a facility manager keeps up to date: the catalogue entry, status and booking rules.

    Capacity is not here: lowering it under existing bookings needs the platform administrator.
    """

    class Meta:
        model = Instrument
        fields = (
            "name", "model_number", "manufacturer", "location", "description", "parameters",
            "services", "sample_requirements", "contact_name", "contact_email", "status",
            "shared_with_alliance",
            "granularity_minutes", "min_duration_minutes", "max_duration_minutes", "lead_time_minutes",
            "horizon_days", "opens_at", "closes_at", "free_cancellation_hours",
            "self_service_allowed", "operated_available", "operated_needs_approval",
        )  # fmt: skip
        widgets = {
            "opens_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "closes_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("model_number", "manufacturer", "location", "contact_name"):
            self.fields[name].validators.append(reject_html)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        shortest, longest = cleaned.get("min_duration_minutes"), cleaned.get("max_duration_minutes")
        if shortest is not None and longest is not None and longest < shortest:
            self.add_error(
                "max_duration_minutes", _("The longest booking cannot be shorter than the shortest.")
            )
        return cleaned


class BlackoutForm(forms.Form):
    start = LocalDateTimeField(label=_("From (instrument's local time)"))
    end = LocalDateTimeField(label=_("Until (instrument's local time)"))
    label = forms.CharField(label=_("Reason"), max_length=200, required=False, validators=[reject_html])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end <= start:
            self.add_error("end", _("The end must be after the start."))
        return cleaned
