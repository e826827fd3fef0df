"""Forms of the cooperation pages: they parse input; the rules are the domain's check_* functions,
which the API calls too, so a page and the API refuse the same things with the same words."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from techbridge.common.multilingual import MultilingualFormField
from techbridge.cooperation.enums import (
    AgreementKind,
    AgreementStatus,
    CaseStage,
    ContractCategory,
    ContractSubtype,
    FigureKind,
    IpType,
    PartyRole,
    ProjectStatus,
)
from techbridge.cooperation.models import CaseParty
from techbridge_core.cooperation.agreements import TERMS_ORDER

# ISO dates: a date input shows nothing for a localised value ("2026. 12. 01.")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class StageForm(forms.Form):
    stage = forms.ChoiceField(label=_("Move to"), choices=CaseStage.choices)
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, allowed: tuple[str, ...] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(value, label) for value, label in CaseStage.choices if value in allowed]
        self.fields["stage"].choices = choices  # type: ignore[attr-defined]


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Message"), max_length=16000, widget=forms.Textarea(attrs={"rows": 4}))
    internal = forms.BooleanField(label=_("Internal note (brokers only)"), required=False)
    attachment = forms.FileField(label=_("Attachment"), required=False)


class AgreementForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=AgreementKind.choices)
    title = MultilingualFormField(label=_("Title"), max_length=256, required=True)
    category = forms.ChoiceField(
        label=_("Contract category"), choices=[("", "—"), *ContractCategory.choices], required=False
    )
    subtype = forms.ChoiceField(label=_("Sub-type"), choices=ContractSubtype.choices, required=False)
    total_amount = forms.DecimalField(label=_("Total amount"), required=False)
    technical_income = forms.DecimalField(label=_("Technical income"), required=False)
    currency = forms.CharField(label=_("Currency (ISO 4217)"), max_length=3, required=False)
    starts_on = forms.DateField(label=_("Term starts"), required=False, widget=DATE)
    ends_on = forms.DateField(label=_("Term ends"), required=False, widget=DATE)
    signed_place = forms.CharField(label=_("Place of signing"), max_length=200, required=False)
    signed_on = forms.DateField(label=_("Date of signing"), required=False, widget=DATE)
    ip_type = forms.ChoiceField(label=_("IP involved"), choices=IpType.choices, initial=IpType.NONE)
    amounts_confidential = forms.BooleanField(label=_("Amounts confidential (parties only)"), required=False)
    documents_confidential = forms.BooleanField(
        label=_("Documents confidential (parties only)"), required=False
    )

    def __init__(self, *args: Any, parties: list[CaseParty], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case_parties = parties
        for party in parties:
            self.fields[f"role_{party.organisation_id}"] = forms.ChoiceField(
                label=_("Role of %(name)s") % {"name": party.organisation},
                choices=[("", _("not a party")), *PartyRole.choices],
                required=False,
            )
            self.fields[f"code_{party.organisation_id}"] = forms.CharField(
                label=_("Registration code of %(name)s") % {"name": party.organisation},
                help_text=_("Unified social credit code or foreign registration number."),
                max_length=40,
                required=False,
            )


# The form's fields of the terms a signature binds: the core's terms, the parties aside (their
# own rows, edited with the parties).
TERM_FIELDS = tuple(term for term in TERMS_ORDER if term != "parties")


class AgreementEditForm(AgreementForm):
    """An agreement's terms, filled with the current ones. `locked`: the terms (the core's names) a
    signature binds; their fields are shown read-only and keep their current values."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, locked: frozenset[str] = frozenset(), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in TERM_FIELDS:
            if name in locked:
                self.fields[name].disabled = True
        if "parties" in locked:
            for party in self.case_parties:
                self.fields[f"role_{party.organisation_id}"].disabled = True
                self.fields[f"code_{party.organisation_id}"].disabled = True


class DocumentForm(forms.Form):
    file = forms.FileField(label=_("Document (PDF, DOCX or ODT)"))


class AgreementStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=AgreementStatus.choices)
    registration_number = forms.CharField(label=_("Registration number"), max_length=60, required=False)
    registered_on = forms.DateField(label=_("Registration date"), required=False, widget=DATE)
    reason = forms.CharField(label=_("Comment"), max_length=2000, required=False)


class ProjectStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=ProjectStatus.choices)
    on = forms.DateField(label=_("Date"), required=False, widget=DATE)
    reason = forms.CharField(label=_("Reason"), max_length=2000, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=200)
    due_on = forms.DateField(label=_("Due"), widget=DATE)


class MeetMilestoneForm(forms.Form):
    evidence = forms.CharField(label=_("Evidence"), max_length=4000, widget=forms.Textarea(attrs={"rows": 2}))


class FigureForm(forms.Form):
    kind = forms.ChoiceField(label=_("Figure"), choices=FigureKind.choices)
    value = forms.DecimalField(label=_("Value"))
    currency = forms.CharField(label=_("Currency (for money)"), max_length=3, required=False)


class RegistrationExportForm(forms.Form):
    centre = forms.IntegerField(widget=forms.HiddenInput, required=False)
    start = forms.DateField(label=_("From"), widget=DATE)
    end = forms.DateField(label=_("To"), widget=DATE)
