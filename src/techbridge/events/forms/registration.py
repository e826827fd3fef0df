"""Participants' registration form and the organisers' decision and check-in forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from techbridge.common.countries import country_choices
from techbridge.common.forms import time_zone_choices
from techbridge.common.sanitize import reject_html
from techbridge.directory.models import Organisation
from techbridge.events.enums import ParticipantCategory


class RegistrationForm(forms.Form):
    category = forms.ChoiceField(label=_("Participant category"), choices=ParticipantCategory.choices)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False, empty_label=_("None")
    )
    country = forms.ChoiceField(label=_("Country"), choices=lambda: [("", "—"), *country_choices()])
    job_title = forms.CharField(label=_("Position"), max_length=200, required=False, validators=[reject_html])
    note = forms.CharField(
        label=_("Note to the organisers"),
        max_length=2000,
        required=False,
        validators=[reject_html],
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    b2b = forms.BooleanField(label=_("I want to take part in B2B meetings"), required=False)
    remote = forms.BooleanField(label=_("I take part online"), required=False)
    time_zone = forms.ChoiceField(
        label=_("My time zone"),
        required=False,
        choices=lambda: [("", "—"), *time_zone_choices()],
        help_text=_("Needed when you take part online, so that times are shown in your zone."),
    )

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisation_field = self.fields["organisation"]
        assert isinstance(organisation_field, forms.ModelChoiceField)  # noqa: S101 - narrows the type
        organisation_field.queryset = organisations

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("remote") and not data.get("time_zone"):
            self.add_error("time_zone", _("Online participants must give their time zone."))
        return data


class CheckInForm(forms.Form):
    code = forms.CharField(label=_("Badge code"), max_length=1000)
    outside_dates = forms.BooleanField(label=_("Check in outside the event's dates"), required=False)
