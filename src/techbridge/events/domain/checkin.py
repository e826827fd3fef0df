"""Check-in at the entrance: an organiser scans a badge (or types its code); scanning twice is harmless."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from techbridge.accounts.models import User
from techbridge.events.enums import RegistrationStatus
from techbridge.events.models import CheckIn, Event, Registration, normalise_badge_code

MAX_CODE_LENGTH = 64


@dataclass(frozen=True)
class CheckInResult:
    accepted: bool
    message: str
    registration: Registration | None = None
    repeated: bool = False


def _refused(message: str) -> CheckInResult:
    return CheckInResult(accepted=False, message=message)


def check_in_badge(
    *, event: Event, code: str, actor: User, now: datetime, outside_dates: bool = False
) -> CheckInResult:
    """Check a badge in; on a day outside the event's dates (on the venue's calendar) only when
    the organiser says so with ``outside_dates`` (a rehearsal, an eve-of-event reception)."""
    code = normalise_badge_code(code)
    registration = (
        Registration.objects.filter(badge_code=code).select_related("user", "organisation").first()
        if code and len(code) <= MAX_CODE_LENGTH
        else None
    )
    if registration is None:
        return _refused(_("Unknown badge code."))
    if registration.event_id != event.pk:
        return _refused(_("This badge belongs to another event."))
    if registration.status != RegistrationStatus.APPROVED:
        return _refused(
            _("This registration is not approved (%(status)s).")
            % {"status": RegistrationStatus(registration.status).label}
        )
    today = now.astimezone(ZoneInfo(event.time_zone)).date()
    if not outside_dates and not event.starts_on <= today <= event.ends_on:
        return _refused(
            _(
                "The event runs from %(first)s to %(last)s, not today (%(today)s). "
                "To check in anyway, tick “Check in outside the event's dates”."
            )
            % {
                "first": date_format(event.starts_on),
                "last": date_format(event.ends_on),
                "today": date_format(today),
            }
        )
    return do_check_in(registration=registration, actor=actor, now=now)


def do_check_in(*, registration: Registration, actor: User, now: datetime) -> CheckInResult:
    name = registration.user.display_name
    try:
        with transaction.atomic():
            CheckIn.objects.create(registration=registration, activity=None, at=now, by=actor)
            Registration.objects.filter(pk=registration.pk, checked_in_at__isnull=True).update(
                checked_in_at=now
            )
    except IntegrityError:
        registration.refresh_from_db(fields=["checked_in_at"])
        return CheckInResult(
            accepted=True,
            repeated=True,
            message=_("%(name)s was already checked in.") % {"name": name},
            registration=registration,
        )
    registration.checked_in_at = registration.checked_in_at or now
    return CheckInResult(
        accepted=True, message=_("Welcome, %(name)s!") % {"name": name}, registration=registration
    )
