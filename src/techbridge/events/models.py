"""Events: programme, registration, exhibitions, B2B meeting requests, meetings and schedules.

Thin models: the rules live in domain/ (and the scheduler in techbridge_core.scheduling), the
permission rules in access.py. Invariants that must hold under concurrency are constraints here:
a table is used by one meeting per slot, a participant sits in one meeting per slot.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import time
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from techbridge.common.multilingual import MultilingualTextField
from techbridge.directory.models import Centre, Organisation, Person
from techbridge.directory.validators import validate_country
from techbridge.events.enums import (
    ActivityKind,
    AttendanceMode,
    EventStatus,
    MeetingOutcomeKind,
    MeetingRequestStatus,
    MeetingStatus,
    ParticipantCategory,
    RegistrationStatus,
    ScheduleRunKind,
    ScheduleRunStatus,
    SpeakerRole,
)
from techbridge.events.validators import validate_language_codes, validate_time_zone
from techbridge.market.models import ExpressionOfInterest, Listing

# Printed on the badge as a QR code and typed in by hand when a scanner fails, so: upper case, no
# letters that read like digits (I, L, O, U) and no punctuation; 10 of 31 symbols are ~50 bits.
BADGE_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"


def new_badge_code() -> str:
    return "".join(secrets.choice(BADGE_ALPHABET) for _ in range(10))


def normalise_badge_code(typed: str) -> str:
    """What a person types from a printed badge, in any case and with spaces or hyphens."""
    return "".join(typed.split()).replace("-", "").upper()


class Event(models.Model):
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    title = MultilingualTextField(_("title"), max_length=256, blank=False)
    summary = MultilingualTextField(_("summary"), max_length=500)
    description = MultilingualTextField(_("description"), max_length=8000, rich=True)
    status = models.CharField(
        _("status"), max_length=20, choices=EventStatus.choices, default=EventStatus.DRAFT
    )
    organising_centres = models.ManyToManyField(
        Centre, related_name="organised_events", verbose_name=_("organising centres")
    )
    co_organisers = models.ManyToManyField(
        Organisation, blank=True, related_name="co_organised_events", verbose_name=_("co-organisers")
    )
    organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="organised_events",
        verbose_name=_("organisers"),
        help_text=_("People who run the event besides the operators of the organising centres."),
    )
    time_zone = models.CharField(_("time zone"), max_length=64, validators=[validate_time_zone])
    languages = models.JSONField(
        _("languages"), default=list, blank=True, validators=[validate_language_codes]
    )
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True, validators=[validate_country])

    registration_open = models.BooleanField(_("registration open"), default=False)
    registration_requires_approval = models.BooleanField(_("registrations need approval"), default=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Empty means no limit; beyond it, a waiting list.")
    )

    shared_with_alliance = models.BooleanField(
        _("shared with the alliance"),
        default=False,
        help_text=_(
            "While the event is published, its programme and registration link also appear at the "
            "alliance's partner installations."
        ),
    )

    b2b_enabled = models.BooleanField(_("B2B meetings"), default=False)
    meeting_minutes = models.PositiveSmallIntegerField(
        _("meeting length (minutes)"), default=30, validators=[MinValueValidator(5), MaxValueValidator(240)]
    )
    request_quota = models.PositiveSmallIntegerField(
        _("meeting requests per participant"), default=20, validators=[MaxValueValidator(500)]
    )
    request_expiry_days = models.PositiveSmallIntegerField(
        _("days before an unanswered request expires"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )
    online_meeting_url_base = models.URLField(
        _("video-conference address for online meetings"),
        blank=True,
        help_text=_("Each online meeting gets its own room under this address."),
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-starts_on", "slug")
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="event_ends_after_start"),
        ]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self) -> str:
        return self.slug


class Venue(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="venues")
    name = MultilingualTextField(_("name"), max_length=200, blank=False)
    address = models.CharField(_("address"), max_length=300, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True, validators=[validate_country])

    class Meta:
        ordering = ("id",)
        verbose_name = _("venue")
        verbose_name_plural = _("venues")

    def __str__(self) -> str:
        return f"{self.event_id}: {self.pk}"


class Room(models.Model):
    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="rooms")
    name = MultilingualTextField(_("name"), max_length=200, blank=False)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)

    class Meta:
        ordering = ("venue", "id")
        verbose_name = _("room")
        verbose_name_plural = _("rooms")

    def __str__(self) -> str:
        return f"{self.venue_id}: {self.pk}"


class Activity(models.Model):
    """One item of the programme."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(_("kind"), max_length=30, choices=ActivityKind.choices)
    title = MultilingualTextField(_("title"), max_length=256, blank=False)
    description = MultilingualTextField(_("description"), max_length=4000, rich=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    room = models.ForeignKey(
        Room,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
        verbose_name=_("room"),
    )
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    mode = models.CharField(
        _("mode"), max_length=10, choices=AttendanceMode.choices, default=AttendanceMode.OFFLINE
    )
    stream_url = models.URLField(
        _("live stream or video-conference link"),
        blank=True,
        help_text=_("Shown to registered participants only."),
    )
    recording_url = models.URLField(_("recording"), blank=True)

    class Meta:
        ordering = ("starts_at", "id")
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="activity_ends_after_start"),
        ]
        verbose_name = _("programme item")
        verbose_name_plural = _("programme items")

    def __str__(self) -> str:
        return f"{self.event_id}: {self.kind} {self.starts_at:%Y-%m-%d %H:%M}"


class Speaker(models.Model):
    """A speaker of an activity: a person of the directory, or just a name and affiliation."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="speakers")
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="talks")
    name = models.CharField(_("name"), max_length=200)
    affiliation = MultilingualTextField(_("affiliation"), max_length=300)
    role = models.CharField(
        _("role"), max_length=20, choices=SpeakerRole.choices, default=SpeakerRole.SPEAKER
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("activity", "order", "id")
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self) -> str:
        return self.name


class Registration(models.Model):
    """A person's participation in an event; also their B2B profile when the event has meetings."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="event_registrations"
    )
    category = models.CharField(_("participant category"), max_length=20, choices=ParticipantCategory.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=RegistrationStatus.choices, default=RegistrationStatus.PENDING
    )
    country = models.CharField(_("country"), max_length=2, blank=True, validators=[validate_country])
    job_title = models.CharField(_("position"), max_length=200, blank=True)
    note = models.TextField(_("note to the organisers"), max_length=2000, blank=True)
    badge_code = models.CharField(max_length=20, unique=True, default=new_badge_code, editable=False)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    # B2B profile
    b2b = models.BooleanField(_("takes part in B2B meetings"), default=False)
    b2b_profile = MultilingualTextField(_("what I offer and look for"), max_length=2000)
    listings = models.ManyToManyField(
        Listing,
        blank=True,
        related_name="event_registrations",
        verbose_name=_("listings brought to the event"),
    )
    remote = models.BooleanField(_("takes part online"), default=False)
    time_zone = models.CharField(
        _("my time zone"), max_length=64, blank=True, validators=[validate_time_zone]
    )
    work_day_start = models.TimeField(_("my working day starts"), default=time(8, 0))
    work_day_end = models.TimeField(_("my working day ends"), default=time(18, 0))
    b2b_sessions: models.ManyToManyField[MeetingSession, Any] = models.ManyToManyField(
        "MeetingSession",
        blank=True,
        related_name="attendees",
        verbose_name=_("B2B sessions I attend"),
        help_text=_("None chosen means every session."),
    )

    class Meta:
        ordering = ("event", "created_at", "id")
        constraints = [models.UniqueConstraint(fields=("event", "user"), name="registration_once_per_event")]
        indexes = [models.Index(fields=("event", "status"), name="registration_event_status")]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")

    def __str__(self) -> str:
        return f"{self.event_id}: {self.user_id}"


class CheckIn(models.Model):
    """A badge scanned at the entrance (activity empty) or at one programme item."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="check_ins")
    activity = models.ForeignKey(
        Activity, null=True, blank=True, on_delete=models.CASCADE, related_name="check_ins"
    )
    at = models.DateTimeField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ("at", "id")
        constraints = [
            models.UniqueConstraint(
                fields=("registration",), condition=Q(activity__isnull=True), name="checkin_once_at_entrance"
            ),
            models.UniqueConstraint(
                fields=("registration", "activity"),
                condition=Q(activity__isnull=False),
                name="checkin_once_per_activity",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registration_id} @ {self.at:%H:%M}"


class ExhibitionArea(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="exhibition_areas")
    name = MultilingualTextField(_("name"), max_length=200, blank=False)
    description = MultilingualTextField(_("description"), max_length=2000, rich=True)
    activity = models.ForeignKey(
        Activity, null=True, blank=True, on_delete=models.SET_NULL, related_name="exhibition_areas"
    )
    online_stream_url = models.URLField(_("live stream of the showcase"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("event", "order", "id")
        verbose_name = _("exhibition area")
        verbose_name_plural = _("exhibition areas")

    def __str__(self) -> str:
        return f"{self.event_id}: {self.pk}"


class Booth(models.Model):
    area = models.ForeignKey(ExhibitionArea, on_delete=models.CASCADE, related_name="booths")
    code = models.CharField(_("booth number"), max_length=20)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="booths"
    )

    class Meta:
        ordering = ("area", "code")
        constraints = [models.UniqueConstraint(fields=("area", "code"), name="booth_code_unique_in_area")]
        verbose_name = _("booth")
        verbose_name_plural = _("booths")

    def __str__(self) -> str:
        return self.code


class Showcase(models.Model):
    """An achievement (offer listing) shown in an exhibition area, on site or in the live showcase."""

    area = models.ForeignKey(ExhibitionArea, on_delete=models.CASCADE, related_name="showcases")
    booth = models.ForeignKey(
        Booth, null=True, blank=True, on_delete=models.SET_NULL, related_name="showcases"
    )
    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="showcases")
    presenter = models.ForeignKey(
        Registration, null=True, blank=True, on_delete=models.SET_NULL, related_name="showcases"
    )
    presented_at = models.DateTimeField(_("presented live at"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("area", "order", "id")
        constraints = [
            models.UniqueConstraint(fields=("area", "listing"), name="showcase_listing_once_per_area")
        ]
        verbose_name = _("showcased achievement")
        verbose_name_plural = _("showcased achievements")

    def __str__(self) -> str:
        return f"{self.area_id}: {self.listing_id}"


class MeetingSession(models.Model):
    """A block of consecutive meeting slots with a number of tables."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meeting_sessions")
    activity = models.ForeignKey(
        Activity, null=True, blank=True, on_delete=models.SET_NULL, related_name="meeting_sessions"
    )
    starts_at = models.DateTimeField(_("starts"))
    slots = models.PositiveSmallIntegerField(_("number of slots"))
    tables = models.PositiveSmallIntegerField(_("number of tables"))

    class Meta:
        ordering = ("event", "starts_at", "id")
        constraints = [models.CheckConstraint(condition=Q(slots__gt=0), name="session_has_slots")]
        verbose_name = _("B2B session")
        verbose_name_plural = _("B2B sessions")

    def __str__(self) -> str:
        return f"{self.event_id}: {self.starts_at:%Y-%m-%d %H:%M}"


class BlockedTime(models.Model):
    """A period in which a participant cannot meet."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="blocked_times")
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))

    class Meta:
        verbose_name = _("blocked time")
        verbose_name_plural = _("blocked times")
        ordering = ("registration", "starts_at")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="blocked_time_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registration_id}: {self.starts_at:%H:%M}-{self.ends_at:%H:%M}"


class MeetingRequest(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meeting_requests")
    requester = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="sent_requests")
    recipient = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="received_requests")
    listing = models.ForeignKey(
        Listing,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting_requests",
        verbose_name=_("about the listing"),
    )
    message = models.TextField(_("message"), max_length=2000, blank=True)
    response_message = models.TextField(_("answer"), max_length=2000, blank=True)
    status = models.CharField(
        max_length=20, choices=MeetingRequestStatus.choices, default=MeetingRequestStatus.SENT
    )
    arranged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The organiser who arranged this meeting (hosted-buyer style)."),
    )
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField(null=True, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")
        constraints = [
            models.CheckConstraint(condition=~Q(requester=F("recipient")), name="request_not_to_oneself"),
            models.UniqueConstraint(
                fields=("requester", "recipient"),
                condition=Q(status__in=("sent", "accepted")),
                name="one_open_request_per_pair",
            ),
        ]
        indexes = [models.Index(fields=("event", "status"), name="request_event_status")]
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")

    def __str__(self) -> str:
        return f"{self.requester_id} → {self.recipient_id}"


class Meeting(models.Model):
    """An accepted request; placed in a session slot (and at a table unless online) by a published schedule."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meetings")
    request = models.OneToOneField(MeetingRequest, on_delete=models.CASCADE, related_name="meeting")
    first = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.ACTIVE)
    online = models.BooleanField(default=False)
    pinned = models.BooleanField(
        _("pinned"), default=False, help_text=_("The organiser fixed its time; the scheduler keeps it.")
    )
    session = models.ForeignKey(
        MeetingSession, null=True, blank=True, on_delete=models.SET_NULL, related_name="meetings"
    )
    slot = models.PositiveSmallIntegerField(null=True, blank=True)
    table = models.PositiveSmallIntegerField(null=True, blank=True)
    starts_at = models.DateTimeField(null=True, blank=True)
    interest = models.ForeignKey(
        ExpressionOfInterest,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
        help_text=_("The cooperation-pipeline step this meeting led to."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("starts_at", "table", "id")
        indexes = [models.Index(fields=("starts_at",), name="meeting_starts_at")]  # statistics by year
        constraints = [
            models.CheckConstraint(condition=~Q(first=F("second")), name="meeting_two_parties"),
            models.UniqueConstraint(
                fields=("session", "slot", "table"),
                condition=Q(table__isnull=False, status="active"),
                name="one_meeting_per_table_and_slot",
            ),
        ]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return str(self.public_id)


class MeetingSeat(models.Model):
    """A participant's place in a scheduled meeting: the database refuses double bookings."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="seats")
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="seats")
    starts_at = models.DateTimeField()

    class Meta:
        verbose_name = _("meeting seat")
        verbose_name_plural = _("meeting seats")
        constraints = [
            models.UniqueConstraint(
                fields=("registration", "starts_at"), name="one_meeting_per_participant_and_slot"
            ),
            models.UniqueConstraint(fields=("meeting", "registration"), name="one_seat_per_party"),
        ]

    def __str__(self) -> str:
        return f"{self.registration_id} @ {self.starts_at:%H:%M}"


class MeetingOutcome(models.Model):
    """What one side reports after the meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="outcomes")
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="meeting_outcomes")
    outcome = models.CharField(_("outcome"), max_length=30, choices=MeetingOutcomeKind.choices)
    other_party_no_show = models.BooleanField(_("the other party did not come"), default=False)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    recorded_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("meeting", "registration"), name="one_outcome_per_side")
        ]
        verbose_name = _("meeting outcome")
        verbose_name_plural = _("meeting outcomes")

    def __str__(self) -> str:
        return f"{self.meeting_id}: {self.outcome}"


class ScheduleRun(models.Model):
    """One run of the scheduler (a background job): its progress, result and figures, then review and publication."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="schedule_runs")
    kind = models.CharField(max_length=20, choices=ScheduleRunKind.choices, default=ScheduleRunKind.FULL)
    status = models.CharField(
        max_length=20, choices=ScheduleRunStatus.choices, default=ScheduleRunStatus.QUEUED
    )
    time_limit_s = models.PositiveIntegerField(default=60)
    progress = models.FloatField(default=0.0)
    progress_message = models.CharField(max_length=300, blank=True)
    # {"<meeting id>": [session id, slot, table or null]} for every placed meeting.
    placements = models.JSONField(default=dict, blank=True)
    # The run's figures: meetings scheduled, breaks and their lower bound, the gap, violations, moves.
    figures = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ("-created_at", "-id")
        verbose_name = _("scheduler run")
        verbose_name_plural = _("scheduler runs")

    def __str__(self) -> str:
        return f"{self.event_id}: {self.kind} {self.status}"
