"""Forms of the B2B pages: profile, blocked times, requests and answers, arranged meetings, outcomes,
catalogue filters."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from techbridge.common.countries import country_choices
from techbridge.common.forms import LocalDateTimeField
from techbridge.common.forms import time_zone_choices as zone_choices
from techbridge.common.sanitize import reject_html
from techbridge.directory.enums import OrganisationKind
from techbridge.directory.models import TechnologyField
from techbridge.events.domain.catalogue import ON_SITE, REMOTE, CatalogueFilters
from techbridge.events.enums import MeetingOutcomeKind, ParticipantCategory
from techbridge.events.models import MeetingSession, Registration
from techbridge.market.models import Listing

TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def time_zone_choices() -> list[tuple[str, object]]:
    return [("", _("the event's time zone")), *zone_choices()]


class ListingChoiceField(forms.ModelChoiceField[Listing]):
    def label_from_instance(self, obj: Listing) -> str:
        from techbridge.common.multilingual import localize

        return str(localize(obj.title))


class ListingsChoiceField(forms.ModelMultipleChoiceField[Listing]):
    def label_from_instance(self, obj: Listing) -> str:
        from techbridge.common.multilingual import localize

        return str(localize(obj.title))


class SessionsChoiceField(forms.ModelMultipleChoiceField[MeetingSession]):
    def __init__(self, *args: Any, zone: ZoneInfo, **kwargs: Any) -> None:
        self.zone = zone
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: MeetingSession) -> str:
        return f"{obj.starts_at.astimezone(self.zone):%Y-%m-%d %H:%M} ({obj.slots} × {obj.tables})"


class B2BProfileForm(forms.ModelForm[Registration]):
    time_zone = forms.ChoiceField(label=_("my time zone"), required=False)

    class Meta:
        model = Registration
        fields = ("b2b", "b2b_profile", "remote", "time_zone", "work_day_start", "work_day_end")
        widgets = {"work_day_start": TIME_INPUT, "work_day_end": TIME_INPUT}
        help_texts = {
            "time_zone": _("Online participants: where you are, so meetings fall in your working day."),
        }

    def __init__(
        self,
        *args: Any,
        linkable: QuerySet[Listing],
        sessions: QuerySet[MeetingSession],
        event_zone: ZoneInfo,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = time_zone_choices()  # type: ignore[attr-defined]
        self.fields["listings"] = ListingsChoiceField(
            queryset=linkable,
            required=False,
            label=_("listings I bring to the event"),
            help_text=_(
                "Listings of your organisations. Anonymous listings stay anonymous: they are not shown on "
                "your profile."
            ),
            widget=forms.CheckboxSelectMultiple,
            initial=[listing.pk for listing in self.instance.listings.filter(pk__in=linkable)],
        )
        self.fields["sessions"] = SessionsChoiceField(
            queryset=sessions,
            zone=event_zone,
            required=False,
            label=_("B2B sessions I attend"),
            help_text=_("None chosen means every session."),
            widget=forms.CheckboxSelectMultiple,
            initial=[session.pk for session in self.instance.b2b_sessions.all()],
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("work_day_start"), data.get("work_day_end")
        if start and end and end <= start:
            self.add_error("work_day_end", _("Your working day must end after it starts."))
        return data


class BlockedTimeForm(forms.Form):
    starts_at = LocalDateTimeField(label=_("from"))
    ends_at = LocalDateTimeField(label=_("until"))

    def __init__(self, *args: Any, zone: ZoneInfo, **kwargs: Any) -> None:
        self.zone = zone
        super().__init__(*args, **kwargs)

    def _in_zone(self, value: datetime) -> datetime:
        # The participant types wall-clock times in their own zone.
        return value.replace(tzinfo=self.zone)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("starts_at"), data.get("ends_at")
        if start is None or end is None:
            return data
        data["starts_at"], data["ends_at"] = self._in_zone(start), self._in_zone(end)
        if data["ends_at"] <= data["starts_at"]:
            raise ValidationError(_("The blocked time must end after it starts."))
        return data


class MeetingRequestForm(forms.Form):
    message = forms.CharField(
        label=_("message"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=[reject_html],
    )

    def __init__(self, *args: Any, listings: QuerySet[Listing], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["listing"] = ListingChoiceField(
            queryset=listings, required=False, label=_("about the listing"), empty_label=_("(none)")
        )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("answer"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        validators=[reject_html],
    )


class ParticipantChoiceField(forms.ModelChoiceField[Registration]):
    def label_from_instance(self, obj: Registration) -> str:
        organisation = f" ({obj.organisation})" if obj.organisation is not None else ""
        return f"{obj.user.display_name}{organisation}"


class ArrangeMeetingForm(forms.Form):
    message = forms.CharField(
        label=_("note to both participants"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        validators=[reject_html],
    )

    def __init__(self, *args: Any, participants: QuerySet[Registration], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        participants = participants.select_related("user", "organisation").order_by(
            "user__display_name", "pk"
        )
        self.fields["first"] = ParticipantChoiceField(queryset=participants, label=_("first participant"))
        self.fields["second"] = ParticipantChoiceField(queryset=participants, label=_("second participant"))
        self.order_fields(["first", "second", "message"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("first") is not None and data.get("first") == data.get("second"):
            raise ValidationError(_("Choose two different participants."))
        return data


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("outcome"), choices=MeetingOutcomeKind.choices)
    other_party_no_show = forms.BooleanField(label=_("the other party did not come"), required=False)
    note = forms.CharField(
        label=_("note"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[reject_html],
    )


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(label=_("search"), required=False, max_length=200)
    category = forms.ChoiceField(
        label=_("participant category"),
        required=False,
        choices=[("", _("any")), *ParticipantCategory.choices],
    )
    country = forms.ChoiceField(label=_("country"), required=False)
    organisation_kind = forms.ChoiceField(
        label=_("organisation type"), required=False, choices=[("", _("any")), *OrganisationKind.choices]
    )
    technology_field = forms.ModelChoiceField(
        label=_("technology field"), required=False, queryset=TechnologyField.objects.order_by("code")
    )
    mode = forms.ChoiceField(
        label=_("takes part"),
        required=False,
        choices=[("", _("any")), (REMOTE, _("online")), (ON_SITE, _("on site"))],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("any")), *country_choices()]  # type: ignore[attr-defined]

    def filters(self) -> CatalogueFilters:
        if not self.is_valid():
            return CatalogueFilters()
        data = self.cleaned_data
        field = data.get("technology_field")
        return CatalogueFilters(
            q=data.get("q", "").strip(),
            category=data.get("category", ""),
            country=data.get("country", ""),
            organisation_kind=data.get("organisation_kind", ""),
            technology_field=field.pk if field is not None else None,
            mode=data.get("mode", ""),
        )
