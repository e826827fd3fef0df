from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from techbridge.common.countries import country_choices, language_choices
from techbridge.common.sanitize import reject_html
from techbridge.directory.domain.queries import OrganisationFilters, PersonFilters
from techbridge.directory.enums import OrganisationKind
from techbridge.directory.models import (
    Centre,
    ExpertProfile,
    Organisation,
    OrganisationProposal,
    Person,
    TechnologyField,
)


class OrganisationForm(forms.ModelForm):  # type: ignore[type-arg]
    country = forms.ChoiceField(label=_("Country"), choices=country_choices)

    class Meta:
        model = Organisation
        fields = (
            "name",
            "short_name",
            "kind",
            "country",
            "region",
            "city",
            "website",
            "description",
            "logo",
            "technology_fields",
            "industries",
        )
        widgets = {
            "technology_fields": forms.CheckboxSelectMultiple,
            "industries": forms.CheckboxSelectMultiple,
        }
        # The many-to-many fields have no verbose name: without a label they read "Technology fields" in English.
        labels = {"technology_fields": _("Technology fields"), "industries": _("Industries")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("short_name", "region", "city"):
            self.fields[name].validators.append(reject_html)

    def clean_logo(self) -> Any:
        logo = self.cleaned_data.get("logo")
        if isinstance(logo, UploadedFile) and logo.size and logo.size > settings.TECHBRIDGE_MAX_LOGO_BYTES:
            raise ValidationError(
                _("The logo is %(size)s; the limit is %(limit)s."),
                code="too_large",
                params={
                    "size": filesizeformat(logo.size),
                    "limit": filesizeformat(settings.TECHBRIDGE_MAX_LOGO_BYTES),
                },
            )
        return logo


class PersonForm(forms.ModelForm):  # type: ignore[type-arg]
    country = forms.ChoiceField(label=_("Country"), choices=country_choices, required=False)
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=language_choices,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    class Meta:
        model = Person
        fields = (
            "full_name",
            "position",
            "country",
            "city",
            "biography",
            "languages",
            "visibility",
            "phone",
            "share_email_with_partners",
            "share_phone_with_partners",
        )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("full_name", "city", "phone"):
            self.fields[name].validators.append(reject_html)


class ExpertProfileForm(forms.ModelForm):  # type: ignore[type-arg]
    offers_expertise = forms.BooleanField(label=_("I offer my expertise as an expert"), required=False)

    class Meta:
        model = ExpertProfile
        fields = ("expertise", "technology_fields", "qualifications", "mobility")
        widgets = {"technology_fields": forms.CheckboxSelectMultiple}
        labels = {"technology_fields": _("Technology fields")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields_choice = self.fields["technology_fields"]
        assert isinstance(fields_choice, forms.ModelMultipleChoiceField)  # noqa: S101 - narrows the type
        fields_choice.queryset = TechnologyField.objects.filter(parent__isnull=False)
        self.fields["expertise"].required = False


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All types")), *OrganisationKind.choices]
    )
    country = forms.ChoiceField(
        label=_("Country"), required=False, choices=lambda: [("", _("All countries")), *country_choices()]
    )
    field = forms.ModelChoiceField(
        label=_("Technology field"),
        required=False,
        queryset=TechnologyField.objects.all(),
        empty_label=_("All fields"),
    )
    centre = forms.ModelChoiceField(
        label=_("Centre"), required=False, queryset=Centre.objects.all(), empty_label=_("All centres")
    )

    def filters(self) -> OrganisationFilters:
        """The chosen filters; no filter at all when the form is empty or invalid."""
        if not self.is_valid():
            return OrganisationFilters()
        data = self.cleaned_data
        return OrganisationFilters(
            q=data["q"],
            kind=data["kind"],
            country=data["country"],
            field_id=data["field"].pk if data["field"] else None,
            centre_id=data["centre"].pk if data["centre"] else None,
        )


class PersonFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    experts = forms.BooleanField(label=_("Experts only"), required=False)
    field = forms.ModelChoiceField(
        label=_("Technology field"),
        required=False,
        queryset=TechnologyField.objects.all(),
        empty_label=_("All fields"),
    )
    country = forms.ChoiceField(
        label=_("Country"), required=False, choices=lambda: [("", _("All countries")), *country_choices()]
    )
    language = forms.ChoiceField(
        label=_("Speaks"),
        required=False,
        choices=lambda: [("", _("Any language")), *language_choices()],
    )

    def filters(self) -> PersonFilters:
        """The chosen filters; no filter at all when the form is empty or invalid."""
        if not self.is_valid():
            return PersonFilters()
        data = self.cleaned_data
        return PersonFilters(
            q=data["q"],
            experts_only=data["experts"],
            field_id=data["field"].pk if data["field"] else None,
            country=data["country"],
            language=data["language"],
        )


class JoinRequestForm(forms.Form):
    message = forms.CharField(
        label=_("A word to the organisation's administrators"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[reject_html],
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("decline", _("Decline"))], widget=forms.HiddenInput
    )
    reason = forms.CharField(
        label=_("Reason (required when declining)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        validators=[reject_html],
    )


class OrganisationProposalForm(forms.ModelForm):  # type: ignore[type-arg]
    country = forms.ChoiceField(label=_("Country"), choices=country_choices)
    centre = forms.ModelChoiceField(
        label=_("Centre that reviews the proposal"), queryset=Centre.objects.order_by("slug")
    )

    class Meta:
        model = OrganisationProposal
        fields = ("name", "kind", "country", "city", "website", "centre", "message")
        widgets = {"message": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("name", "city", "message"):
            self.fields[name].validators.append(reject_html)


class EmailDomainForm(forms.Form):
    domain = forms.CharField(label=_("E-mail domain, e.g. example.edu"), max_length=253)
