"""Form fields shared by the apps."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from techbridge.common.validation import usable_time_zones, validate_year

LOCAL_INPUT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"]


class LocalDateTimeField(forms.DateTimeField):
    """A wall-clock time as typed (naive); the form attaches the zone it was meant in."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local", "step": 60}, format="%Y-%m-%dT%H:%M")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(input_formats=LOCAL_INPUT_FORMATS, **kwargs)

    def to_python(self, value: Any) -> datetime | None:
        try:
            parsed = super().to_python(value)
        except OverflowError as error:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error
        if parsed is None:
            return None
        validate_year(parsed)  # the rule of common/validation.py, as in the API
        return timezone.make_naive(parsed)  # back to the wall-clock digits typed


def time_zone_choices() -> list[tuple[str, str]]:
    return [(zone, zone.replace("_", " ")) for zone in usable_time_zones()]
