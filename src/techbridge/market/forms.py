"""Forms of the market pages: a listing (fields depend on its type), filters, interest, actions, uploads."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms.utils import flatatt
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from techbridge.common.countries import country_choices
from techbridge.common.languages import content_languages
from techbridge.common.sanitize import reject_html
from techbridge.directory.models import Centre, Industry, Organisation, Person, TechnologyField
from techbridge.market.domain.listing_rules import (
    listing_field_errors,
    shared_with_choices,
    technology_field_choices,
)
from techbridge.market.enums import (
    DevelopmentStage,
    InvestmentStage,
    IprStatus,
    ListingKind,
    PartnershipType,
)
from techbridge.market.models import Listing
from techbridge.market.validators import (
    MAX_ATTACHMENT_BYTES,
    MAX_KEYWORDS,
    attachment_content_type,
    validate_keywords,
)

COMMON_FIELDS = (
    "owner_organisation", "title", "summary", "description", "technology_fields", "industries",
    "keywords", "target_countries", "target_regions", "partnership_types", "contact_person",
    "visibility", "anonymous", "shared_with", "open_for_interest",
)  # fmt: skip
FIELDS_BY_KIND: dict[str, tuple[str, ...]] = {
    ListingKind.OFFER: ("stage", "trl", "ipr_status", "patent_numbers", "advantages", "price_terms"),
    ListingKind.DEMAND: ("technical_specification", "budget_min", "budget_max", "deadline"),
    ListingKind.RD_COOPERATION: ("programme", "call_id", "call_deadline", "call_budget", "deadline"),
    ListingKind.CAPITAL: ("ticket_min", "ticket_max", "investment_stages"),
    ListingKind.EXPERTISE: ("service_kind", "price_terms"),
    ListingKind.SERVICE: ("service_kind", "price_terms"),
}
ALL_KIND_FIELDS = tuple(dict.fromkeys(name for names in FIELDS_BY_KIND.values() for name in names))
DATE_INPUT = forms.DateInput(attrs={"type": "date"})


def _format_keywords_help_text() -> str:
    return gettext("Up to %(count)d keywords, separated by commas.") % {"count": MAX_KEYWORDS}


# Lazy, so the text is formatted in the reader's language on each render, not in English at start-up.
_keywords_help_text = lazy(_format_keywords_help_text, str)


class KeywordsField(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", _keywords_help_text())
        super().__init__(required=False, max_length=400, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        return ", ".join(value) if isinstance(value, list) else value

    def to_python(self, value: Any) -> Any:  # a list of keywords, not the text
        text = super().to_python(value) or ""
        keywords = [word.strip() for word in text.replace("，", ",").split(",") if word.strip()]
        validate_keywords(keywords)
        return keywords


class ListingForm(forms.ModelForm):  # type: ignore[type-arg]
    keywords = KeywordsField(label=_("Keywords"))
    target_countries = forms.MultipleChoiceField(
        label=_("Target countries"), required=False, choices=country_choices,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )  # fmt: skip
    partnership_types = forms.MultipleChoiceField(
        label=_("Partnership types sought"), required=False, choices=PartnershipType.choices,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    investment_stages = forms.MultipleChoiceField(
        label=_("Investment stages"), required=False, choices=InvestmentStage.choices,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    trl = forms.TypedChoiceField(
        label=_("Technology readiness level (TRL)"), required=False, coerce=int, empty_value=None,
        choices=[("", "—"), *[(level, str(level)) for level in range(1, 10)]],
    )  # fmt: skip

    class Meta:
        model = Listing
        fields = (*COMMON_FIELDS, *ALL_KIND_FIELDS)
        widgets = {
            "technology_fields": forms.SelectMultiple(attrs={"size": 8}),
            "industries": forms.SelectMultiple(attrs={"size": 6}),
            "shared_with": forms.SelectMultiple(attrs={"size": 6}),
            "deadline": DATE_INPUT,
            "call_deadline": DATE_INPUT,
        }

    def __init__(self, *args: Any, kind: str, owner_choices: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        for name in ALL_KIND_FIELDS:
            if name not in FIELDS_BY_KIND[kind]:
                del self.fields[name]
        self._limit("owner_organisation", owner_choices)
        self._limit("technology_fields", technology_field_choices())
        self._limit("shared_with", shared_with_choices())
        self._limit(
            "contact_person", Person.objects.filter(organisation__in=owner_choices).order_by("full_name")
        )

    def _limit(self, name: str, queryset: QuerySet[Any]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - narrows the type
        field.queryset = queryset

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        errors = listing_field_errors(data, shared_with=data.get("shared_with"))  # the API's rules too
        for name, messages in errors.items():
            for message in messages:
                self.add_error(name if name in self.fields else None, message)
        return data


def _language_choices() -> list[tuple[str, Any]]:
    names = dict(settings.LANGUAGES)
    return [("", _("Any language")), *((code, str(names[code])) for code in content_languages())]


class PlainSelect(forms.Select):
    """The same HTML as Django's Select, written in Python: the search page renders about 400
    options on every request, which cost more than its queries through the template engine."""

    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts = []
        for group_name, options, _index in widget["optgroups"]:
            rendered = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                ((option["value"], flatatt(option["attrs"]), option["label"]) for option in options),
            )
            parts.append(
                format_html('<optgroup label="{}">{}</optgroup>', group_name, rendered)
                if group_name
                else rendered
            )
        opening = format_html('<select name="{}"{}>', widget["name"], flatatt(widget["attrs"]))
        return mark_safe(opening + "".join(parts) + "</select>")  # every part is escaped above


class ListingFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Type"),
        required=False,
        widget=PlainSelect,
        choices=[("", _("All types")), *ListingKind.choices],
    )
    field = forms.ModelChoiceField(
        label=_("Technology field"), required=False, widget=PlainSelect,
        queryset=TechnologyField.objects.all(), empty_label=_("All fields"),
    )  # fmt: skip
    industry = forms.ModelChoiceField(
        label=_("Industry"),
        required=False,
        widget=PlainSelect,
        queryset=Industry.objects.all(),
        empty_label=_("All industries"),
    )
    country = forms.ChoiceField(
        label=_("Country"),
        required=False,
        widget=PlainSelect,
        choices=lambda: [("", _("All countries")), *country_choices()],
    )
    stage = forms.ChoiceField(
        label=_("Stage"),
        required=False,
        widget=PlainSelect,
        choices=[("", _("Any stage")), *DevelopmentStage.choices],
    )
    trl_min = forms.IntegerField(label=_("TRL from"), required=False, min_value=1, max_value=9)
    ipr_status = forms.ChoiceField(
        label=_("IPR"), required=False, widget=PlainSelect, choices=[("", _("Any")), *IprStatus.choices]
    )
    partnership = forms.ChoiceField(
        label=_("Partnership"),
        required=False,
        widget=PlainSelect,
        choices=[("", _("Any")), *PartnershipType.choices],
    )
    centre = forms.ModelChoiceField(
        label=_("Centre"),
        required=False,
        widget=PlainSelect,
        queryset=Centre.objects.all(),
        empty_label=_("All centres"),
    )
    language = forms.ChoiceField(
        label=_("Language"), required=False, widget=PlainSelect, choices=_language_choices
    )
    sort = forms.ChoiceField(
        label=_("Sort"),
        required=False,
        widget=PlainSelect,
        choices=[
            ("relevance", _("Relevance")),
            ("newest", _("Newest")),
            ("oldest", _("Oldest")),
            ("trl", _("Highest TRL")),
            ("deadline", _("Deadline")),
        ],
    )


class InterestForm(forms.Form):
    message = forms.CharField(label=_("Message"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5}))
    intended_use = forms.CharField(
        label=_("Intended use"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    capacity = forms.CharField(
        label=_("Capacity and resources"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip
    timeline = forms.CharField(label=_("Timeline"), required=False, max_length=200)
    organisation = forms.ModelChoiceField(
        label=_("On behalf of"), required=False, queryset=Organisation.objects.none(),
        empty_label=_("Myself"),
    )  # fmt: skip

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - narrows the type
        field.queryset = organisations
        for name in ("message", "intended_use", "capacity", "timeline"):
            self.fields[name].validators.append(reject_html)


class ActionForm(forms.Form):
    action = forms.CharField(max_length=20)
    reason = forms.CharField(
        label=_("Reason or comments"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class BulkActionForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Action"),
        choices=[
            ("start_review", _("Start review")),
            ("approve", _("Approve and publish")),
            ("return", _("Return with comments")),
            ("reject", _("Reject")),
        ],
    )
    reason = forms.CharField(label=_("Reason or comments"), required=False, max_length=2000)


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("PDF or image"))

    def clean_file(self) -> Any:
        upload: Any = self.cleaned_data["file"]
        if upload.size is None or upload.size > MAX_ATTACHMENT_BYTES:
            raise ValidationError(
                _("The file is %(size)s; the limit is %(limit)s."),
                code="too_large",
                params={
                    "size": filesizeformat(upload.size or 0),
                    "limit": filesizeformat(MAX_ATTACHMENT_BYTES),
                },
            )
        head = upload.read(16)
        upload.seek(0)
        self.content_type = attachment_content_type(upload.name or "", head)
        return upload
