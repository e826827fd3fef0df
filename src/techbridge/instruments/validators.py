from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from techbridge.common.validation import validate_time_zone  # the common rule, named here for the migrations

__all__ = ["validate_granularity", "validate_time_zone", "validate_weekdays"]

MINUTES_PER_DAY = 24 * 60


def validate_granularity(value: int) -> None:
    if value <= 0 or MINUTES_PER_DAY % value:
        raise ValidationError(
            _("The slot length must divide a day (e.g. 15, 30 or 60 minutes)."), code="invalid"
        )


def validate_weekdays(value: object) -> None:
    if not isinstance(value, list) or not all(isinstance(d, int) and 0 <= d <= 6 for d in value):
        raise ValidationError(_("Weekdays are numbers from 0 (Monday) to 6 (Sunday)."), code="invalid")
