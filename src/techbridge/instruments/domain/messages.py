"""Refusal codes (the core's ReasonCodes plus a few of ours) as sentences in the reader's language.

Datetimes are shown in the reader's time zone, durations in hours and minutes.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from techbridge.instruments.enums import InstrumentStatus, UserCategory

MESSAGES = {
    "not_aligned": gettext_lazy("Bookings start and end on the instrument's %(granularity)s grid."),
    "too_short": gettext_lazy("A booking lasts at least %(min)s."),
    "too_long": gettext_lazy("A booking lasts at most %(max)s."),
    "too_soon": gettext_lazy(
        "Book at least this far ahead: the earliest possible start is %(earliest_start)s."
    ),
    "too_far_ahead": gettext_lazy("Bookings may end no later than %(latest_end)s."),
    "outside_opening_hours": gettext_lazy("The instrument is not open for the whole of this time."),
    "blackout": gettext_lazy("The instrument is unavailable from %(start)s to %(end)s (%(label)s)."),
    "capacity_full": gettext_lazy("This time is already booked (from %(full_from)s to %(full_until)s)."),
    "user_daily_quota": gettext_lazy("This exceeds your daily quota of %(limit)s on %(period)s."),
    "user_weekly_quota": gettext_lazy("This exceeds your weekly quota of %(limit)s in week %(period)s."),
    "organisation_daily_quota": gettext_lazy(
        "This exceeds your organisation's daily quota of %(limit)s on %(period)s."
    ),
    "organisation_weekly_quota": gettext_lazy(
        "This exceeds your organisation's weekly quota of %(limit)s in week %(period)s."
    ),
    "training_required": gettext_lazy(
        "Self-service use needs the training “%(qualification)s”; book an operated session instead or ask the facility for training."
    ),
    "self_service_not_offered": gettext_lazy("This instrument is only operated by the facility's staff."),
    "category_needs_approval": gettext_lazy("The facility approves bookings by %(category)s users."),
    "operated_needs_approval": gettext_lazy("The facility's staff confirm operated sessions."),
    "instrument_unavailable": gettext_lazy("The instrument cannot be booked: %(status)s."),
    "operated_not_offered": gettext_lazy("The facility does not offer operated sessions on this instrument."),
    "scheme_closed": gettext_lazy("This subsidy scheme no longer accepts bookings."),
}
STATE_MESSAGES = {
    "not_pending": gettext_lazy("Only bookings awaiting approval can be approved or rejected."),
    "not_active": gettext_lazy("This booking is no longer active."),
    "already_started": gettext_lazy("The booking has started and can no longer be cancelled."),
    "not_confirmed": gettext_lazy("Only confirmed bookings can be checked in."),
    "already_checked_in": gettext_lazy("The booking is already checked in."),
    "outside_check_in_window": gettext_lazy(
        "Check-in opens 30 minutes before the start and closes at the end."
    ),
    "not_checked_in": gettext_lazy("The booking was not checked in."),
    "already_checked_out": gettext_lazy("The booking is already checked out."),
}


def duration_text(minutes: int) -> str:
    hours, rest = divmod(int(minutes), 60)
    if hours and rest:
        return _("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": rest}
    if hours:
        return _("%(hours)d h") % {"hours": hours}
    return _("%(minutes)d min") % {"minutes": rest}


def moment_text(moment: datetime, zone: ZoneInfo) -> str:
    local = moment.astimezone(zone)
    return f"{date_format(local, 'SHORT_DATETIME_FORMAT')} ({local.tzname()})"


def _params(params: Mapping[str, object], zone: ZoneInfo) -> dict[str, object]:
    shown: dict[str, object] = {}
    for key, value in params.items():
        if isinstance(value, datetime):
            shown[key] = moment_text(value, zone)
        elif key.endswith("minutes") or key == "limit_minutes":
            shown[key] = duration_text(int(value))  # type: ignore[call-overload]
        else:
            shown[key] = value
    shown.setdefault("granularity", shown.get("granularity_minutes", ""))
    shown.setdefault("min", shown.get("min_minutes", ""))
    shown.setdefault("max", shown.get("max_minutes", ""))
    shown.setdefault("limit", shown.get("limit_minutes", ""))
    if "category" in shown:
        shown["category"] = UserCategory(str(shown["category"])).label
    if "status" in shown:
        shown["status"] = InstrumentStatus(str(shown["status"])).label
    return shown


class _Lenient(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "?"


def refusal_text(code: str, params: Mapping[str, object], *, zone: ZoneInfo) -> str:
    template = MESSAGES.get(code)
    if template is None:
        return str(code)
    return str(template) % _Lenient(_params(params, zone))


def state_text(code: str) -> str:
    return str(STATE_MESSAGES.get(code, code))
