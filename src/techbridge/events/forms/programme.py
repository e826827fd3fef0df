"""Organisers' forms: the event, its venues and rooms, programme items, speakers, exhibition areas."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from techbridge.common.countries import country_choices
from techbridge.common.forms import LocalDateTimeField, time_zone_choices
from techbridge.common.languages import content_languages
from techbridge.common.sanitize import reject_html
from techbridge.directory.models import Centre
from techbridge.events.domain.scheduling import has_published_schedule
from techbridge.events.enums import RegistrationStatus
from techbridge.events.models import (
    Activity,
    Booth,
    Event,
    ExhibitionArea,
    Registration,
    Room,
    Showcase,
    Speaker,
    Venue,
)
from techbridge.market.models import Listing

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def content_language_choices() -> list[tuple[str, str]]:
    names = dict(settings.LANGUAGES)
    return [(code, str(names.get(code, code))) for code in content_languages()]


class EventForm(forms.ModelForm):  # type: ignore[type-arg]
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=time_zone_choices, initial="Asia/Shanghai")
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=content_language_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    country = forms.ChoiceField(
        label=_("Country"), choices=lambda: [("", "—"), *country_choices()], required=False
    )

    class Meta:
        model = Event
        fields = (
            "slug", "title", "summary", "description", "status", "organising_centres", "time_zone",
            "languages", "starts_on", "ends_on", "city", "country", "registration_open",
            "registration_requires_approval", "capacity", "shared_with_alliance", "b2b_enabled",
            "meeting_minutes", "request_quota", "request_expiry_days", "online_meeting_url_base",
        )  # fmt: skip
        widgets = {"starts_on": DATE_INPUT, "ends_on": DATE_INPUT}

    def __init__(self, *args: Any, centres: QuerySet[Centre], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        centres_field = self.fields["organising_centres"]
        assert isinstance(centres_field, forms.ModelMultipleChoiceField)  # noqa: S101 - narrows the type
        centres_field.queryset = centres
        if self.instance.pk:
            self.fields["slug"].disabled = True

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The last day cannot be before the first day."))
        if (
            "meeting_minutes" in self.changed_data
            and self.instance.pk
            and has_published_schedule(self.instance)
        ):
            self.add_error(
                "meeting_minutes",
                _(
                    "The meeting length cannot change once a schedule is published: every meeting time would move."
                ),
            )
        return data


class VenueForm(forms.ModelForm):  # type: ignore[type-arg]
    country = forms.ChoiceField(
        label=_("Country"), choices=lambda: [("", "—"), *country_choices()], required=False
    )

    class Meta:
        model = Venue
        fields = ("name", "address", "city", "country")


class RoomForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Room
        fields = ("name", "capacity")


class ActivityForm(forms.ModelForm):  # type: ignore[type-arg]
    starts_at = LocalDateTimeField(label=_("Starts (event's local time)"))
    ends_at = LocalDateTimeField(label=_("Ends (event's local time)"))

    class Meta:
        model = Activity
        fields = (
            "kind", "title", "description", "starts_at", "ends_at", "room", "capacity", "mode",
            "stream_url", "recording_url",
        )  # fmt: skip

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        self.zone = ZoneInfo(event.time_zone)
        instance = kwargs.get("instance")
        if instance is not None and instance.pk:
            kwargs.setdefault("initial", {})
            kwargs["initial"]["starts_at"] = timezone.make_naive(instance.starts_at, self.zone)
            kwargs["initial"]["ends_at"] = timezone.make_naive(instance.ends_at, self.zone)
        super().__init__(*args, **kwargs)
        room_field = self.fields["room"]
        assert isinstance(room_field, forms.ModelChoiceField)  # noqa: S101 - narrows the type
        room_field.queryset = Room.objects.filter(venue__event=event).select_related("venue")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("starts_at", "ends_at"):
            if isinstance(data.get(name), datetime):
                data[name] = timezone.make_aware(data[name], self.zone)
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The end must come after the start."))
        return data


class SpeakerForm(forms.ModelForm):  # type: ignore[type-arg]
    name = forms.CharField(label=_("Name"), max_length=200, validators=[reject_html])

    class Meta:
        model = Speaker
        fields = ("name", "affiliation", "role", "order")


class ExhibitionAreaForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = ExhibitionArea
        fields = ("name", "description", "activity", "online_stream_url", "order")

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        activity_field = self.fields["activity"]
        assert isinstance(activity_field, forms.ModelChoiceField)  # noqa: S101 - narrows the type
        activity_field.queryset = Activity.objects.filter(event=event)


class BoothForm(forms.ModelForm):  # type: ignore[type-arg]
    code = forms.CharField(label=_("Booth number"), max_length=20, validators=[reject_html])

    class Meta:
        model = Booth
        fields = ("code", "organisation")


def _participant_name(registration: Registration) -> str:
    return registration.user.display_name


class ShowcaseForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Showcase
        fields = ("listing", "booth", "presenter", "order")

    def __init__(self, *args: Any, area: ExhibitionArea, listings: QuerySet[Listing], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.area = area
        listing_field = self.fields["listing"]
        booth_field = self.fields["booth"]
        assert isinstance(listing_field, forms.ModelChoiceField)  # noqa: S101 - narrows the type
        assert isinstance(booth_field, forms.ModelChoiceField)  # noqa: S101 - narrows the type
        listing_field.queryset = listings
        booth_field.queryset = Booth.objects.filter(area=area)
        presenter_field = self.fields["presenter"]
        assert isinstance(presenter_field, forms.ModelChoiceField)  # noqa: S101 - narrows the type
        presenter_field.queryset = Registration.objects.filter(
            event_id=area.event_id, status=RegistrationStatus.APPROVED
        ).select_related("user")
        presenter_field.label_from_instance = _participant_name  # type: ignore[method-assign,assignment]

    def clean_listing(self) -> Listing:
        listing: Listing = self.cleaned_data["listing"]
        if Showcase.objects.filter(area=self.area, listing=listing).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("This achievement is already shown in this area."))
        return listing
