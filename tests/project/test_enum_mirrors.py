"""Django's choices that mirror an enum of the core must hold the same values: the core's rules
decide on these strings, and a value missing on either side would be a state no rule knows."""

from __future__ import annotations

from enum import Enum

import pytest
from django.db import models

from techbridge.instruments import enums as instrument_enums
from techbridge.market import enums as market_enums
from techbridge_core.booking import fees as core_fees
from techbridge_core.booking import values as core_booking
from techbridge_core.market import interest as core_interest
from techbridge_core.market import lifecycle as core_lifecycle

# Values only the platform records, never handed to the core's rules.
PLATFORM_ONLY = {market_enums.ListingAction: {"create"}}

MIRRORS: list[tuple[type[models.TextChoices], type[Enum]]] = [
    (market_enums.ListingStatus, core_lifecycle.Status),
    (market_enums.ListingAction, core_lifecycle.Action),
    (market_enums.EoiStatus, core_interest.InterestStatus),
    (instrument_enums.UserCategory, core_booking.UserCategory),
    (instrument_enums.BookingMode, core_booking.BookingMode),
    (instrument_enums.ChargeUnit, core_fees.ChargeUnit),
]


@pytest.mark.parametrize(("django_choices", "core_enum"), MIRRORS, ids=lambda pair: pair.__qualname__)
def test_enum_mirror_holds_the_cores_values(
    django_choices: type[models.TextChoices], core_enum: type[Enum]
) -> None:
    platform_values = set(django_choices.values) - PLATFORM_ONLY.get(django_choices, set())
    assert platform_values == {member.value for member in core_enum}
