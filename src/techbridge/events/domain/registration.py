"""Registration: signing up, the organisers' decision, cancelling, and the waiting list.

Places are held by pending and approved registrations. Every change that takes or frees a place
locks the event row first (select_for_update), so two people racing for the last place are served
one after the other and only the first gets it; the second lands on the waiting list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from techbridge.accounts.models import User
from techbridge.common.multilingual import localize
from techbridge.directory.models import Organisation
from techbridge.events.enums import EventStatus, NotificationKind, RegistrationStatus
from techbridge.events.models import Event, Registration
from techbridge.notifications.domain.delivery import notify

PLACE_HOLDING = (RegistrationStatus.PENDING, RegistrationStatus.APPROVED)
ACTIVE = (*PLACE_HOLDING, RegistrationStatus.WAITLISTED)
REFUSALS = {
    "closed": gettext_lazy("Registration for this event is closed."),
    "already_registered": gettext_lazy("You are already registered for this event."),
    "declined": gettext_lazy("The organisers have declined your registration."),
    "not_member": gettext_lazy("Choose one of your own organisations."),
    "no_time_zone": gettext_lazy("Online participants must give their time zone."),
    "wrong_status": gettext_lazy("This is not possible in the current status."),
    "full": gettext_lazy("The event is full: free a place or raise the capacity first."),
}


class RegistrationError(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code
        self.message = str(REFUSALS.get(code, REFUSALS["wrong_status"]))


@dataclass(frozen=True)
class RegistrationDetails:
    category: str
    organisation: Organisation | None
    country: str
    job_title: str
    note: str
    b2b: bool
    remote: bool
    time_zone: str


def registration_url(event: Event) -> str:
    return f"/events/{event.slug}/registration/"


def _locked_event(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


def places_taken(event: Event) -> int:
    return Registration.objects.filter(event=event, status__in=PLACE_HOLDING).count()


def has_free_place(event: Event) -> bool:
    return event.capacity is None or places_taken(event) < event.capacity


def _status_for_new_place(event: Event) -> str:
    return RegistrationStatus.PENDING if event.registration_requires_approval else RegistrationStatus.APPROVED


def check_register(
    *,
    event: Event,
    user: User,
    details: RegistrationDetails,
    member_organisation_ids: frozenset[int],
    now: datetime,
) -> Registration:
    if event.status != EventStatus.PUBLISHED or not event.registration_open:
        raise RegistrationError("closed")
    if details.organisation is not None and details.organisation.pk not in member_organisation_ids:
        raise RegistrationError("not_member")
    if details.remote and not details.time_zone:
        raise RegistrationError("no_time_zone")
    return do_register(event=event, user=user, details=details, now=now)


@transaction.atomic
def do_register(*, event: Event, user: User, details: RegistrationDetails, now: datetime) -> Registration:
    locked = _locked_event(event)
    registration = Registration.objects.filter(event=locked, user=user).first()
    if registration is not None and registration.status in ACTIVE:
        raise RegistrationError("already_registered")
    if registration is not None and registration.status == RegistrationStatus.DECLINED:
        raise RegistrationError("declined")
    if registration is None:
        registration = Registration(event=locked, user=user)
    else:
        registration.created_at = now  # coming back joins the end of the waiting list
    for field in ("category", "organisation", "country", "job_title", "note", "b2b", "remote", "time_zone"):
        setattr(registration, field, getattr(details, field))
    registration.status = (
        _status_for_new_place(locked) if has_free_place(locked) else RegistrationStatus.WAITLISTED
    )
    registration.decided_at = now if registration.status == RegistrationStatus.APPROVED else None
    registration.decided_by = None
    registration.save()
    _notify_participant(registration, now)
    return registration


def check_decide(*, registration: Registration, approve: bool, actor: User, now: datetime) -> Registration:
    allowed = (
        (RegistrationStatus.PENDING, RegistrationStatus.WAITLISTED)
        if approve
        else (RegistrationStatus.PENDING, RegistrationStatus.WAITLISTED, RegistrationStatus.APPROVED)
    )
    if registration.status not in allowed:
        raise RegistrationError("wrong_status")
    return do_decide(registration=registration, approve=approve, actor=actor, now=now)


@transaction.atomic
def do_decide(*, registration: Registration, approve: bool, actor: User, now: datetime) -> Registration:
    event = _locked_event(registration.event)
    registration.refresh_from_db()
    was_holding = registration.status in PLACE_HOLDING
    if approve and not was_holding and not has_free_place(event):
        raise RegistrationError("full")
    registration.status = RegistrationStatus.APPROVED if approve else RegistrationStatus.DECLINED
    registration.decided_at = now
    registration.decided_by = actor
    registration.save(update_fields=["status", "decided_at", "decided_by"])
    _notify_participant(registration, now)
    if was_holding and not approve:
        promote_waiting(event, now)
    return registration


def check_cancel(*, registration: Registration, now: datetime) -> Registration:
    if registration.status not in ACTIVE:
        raise RegistrationError("wrong_status")
    return do_cancel(registration=registration, now=now)


@transaction.atomic
def do_cancel(*, registration: Registration, now: datetime) -> Registration:
    event = _locked_event(registration.event)
    registration.refresh_from_db()
    if registration.status not in ACTIVE:
        raise RegistrationError("wrong_status")
    was_holding = registration.status in PLACE_HOLDING
    registration.status = RegistrationStatus.CANCELLED
    registration.save(update_fields=["status"])
    if was_holding:
        promote_waiting(event, now)
    return registration


def promote_waiting(event: Event, now: datetime) -> list[Registration]:
    """Give freed places to the waiting list, first come first served; the caller holds the event lock."""
    promoted = []
    waiting = Registration.objects.filter(event=event, status=RegistrationStatus.WAITLISTED).order_by(
        "created_at", "id"
    )
    for registration in waiting:
        if not has_free_place(event):
            break
        registration.status = _status_for_new_place(event)
        registration.decided_at = now if registration.status == RegistrationStatus.APPROVED else None
        registration.save(update_fields=["status", "decided_at"])
        _notify_participant(registration, now)
        promoted.append(registration)
    return promoted


def _notify_participant(registration: Registration, now: datetime) -> None:
    event = registration.event

    def subject() -> str:
        return _("Your registration for “%(event)s”: %(status)s") % {
            "event": localize(event.title),
            "status": RegistrationStatus(registration.status).label,
        }

    def body() -> str:
        if registration.status == RegistrationStatus.WAITLISTED:
            return _(
                "The event is full; you are on the waiting list and will hear from us when a place frees up."
            )
        if registration.status == RegistrationStatus.PENDING:
            return _("The organisers will review your registration.")
        if registration.status == RegistrationStatus.APPROVED:
            return _("You are registered. Your badge is on your registration page.")
        return _("The organisers could not accept your registration.")

    notify(
        recipients=[registration.user],
        kind=NotificationKind.EVENT_REGISTRATION,
        subject=subject,
        body=body,
        url=registration_url(event),
        now=now,
    )
