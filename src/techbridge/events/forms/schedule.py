"""The organiser's form to start a scheduler run."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from techbridge.events.enums import ScheduleRunKind

MIN_TIME_LIMIT_S = 2
MAX_TIME_LIMIT_S = 600


class ScheduleRunForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of run"), choices=ScheduleRunKind.choices, initial=ScheduleRunKind.FULL
    )
    time_limit_s = forms.IntegerField(
        label=_("Time limit (seconds)"),
        min_value=MIN_TIME_LIMIT_S,
        max_value=MAX_TIME_LIMIT_S,
        initial=60,
        help_text=_("The scheduler stops improving the schedule after this time."),
    )
