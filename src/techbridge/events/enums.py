"""The closed vocabularies of events: activity kinds, modes, participant categories, statuses."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")
    CANCELLED = "cancelled", _("cancelled")


class ActivityKind(models.TextChoices):
    OPENING_CEREMONY = "opening_ceremony", _("opening ceremony")
    PLENARY = "plenary", _("plenary session")
    MINISTERIAL_MEETING = "ministerial_meeting", _("ministerial meeting")
    THEMED_FORUM = "themed_forum", _("themed forum")
    ROUNDTABLE = "roundtable", _("roundtable")
    RESULTS_PRESENTATION = "results_presentation", _("results presentation")
    EXHIBITION = "exhibition", _("exhibition")
    B2B_SESSION = "b2b_session", _("B2B meeting session")
    SIGNING_CEREMONY = "signing_ceremony", _("signing ceremony")
    SITE_VISIT = "site_visit", _("site visit")


class AttendanceMode(models.TextChoices):
    OFFLINE = "offline", _("on site")
    ONLINE = "online", _("online")
    HYBRID = "hybrid", _("on site and online")


class SpeakerRole(models.TextChoices):
    SPEAKER = "speaker", _("speaker")
    MODERATOR = "moderator", _("moderator")
    PANELLIST = "panellist", _("panellist")
    HOST = "host", _("host")


class ParticipantCategory(models.TextChoices):
    FOREIGN_GUEST = "foreign_guest", _("foreign guest")
    ACADEMICIAN = "academician", _("academician")
    RESEARCHER = "researcher", _("researcher")
    ENTERPRISE = "enterprise", _("enterprise")
    INVESTOR = "investor", _("investor")
    GOVERNMENT = "government", _("government")
    PRESS = "press", _("press")


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("awaiting approval")
    APPROVED = "approved", _("approved")
    WAITLISTED = "waitlisted", _("on the waiting list")
    DECLINED = "declined", _("declined")
    CANCELLED = "cancelled", _("cancelled")


class MeetingRequestStatus(models.TextChoices):
    SENT = "sent", _("sent")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    EXPIRED = "expired", _("expired")
    CANCELLED = "cancelled", _("cancelled")


class MeetingStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    CANCELLED = "cancelled", _("cancelled")


class MeetingOutcomeKind(models.TextChoices):
    NOT_HELD = "not_held", _("did not take place")
    NO_INTEREST = "no_interest", _("no interest")
    FOLLOW_UP = "follow_up", _("follow-up planned")
    COOPERATION_POSSIBLE = "cooperation_possible", _("cooperation possible")


class ScheduleRunKind(models.TextChoices):
    FULL = "full", _("full schedule")
    RESCHEDULE = "reschedule", _("rescheduling after changes")


class ScheduleRunStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    FINISHED = "finished", _("finished")
    FAILED = "failed", _("failed")
    PUBLISHED = "published", _("published")
    SUPERSEDED = "superseded", _("superseded")


class NotificationKind(models.TextChoices):
    """The events' kinds of notification (registered with the notifications app in apps.py)."""

    EVENT_REGISTRATION = "event_registration", _("Event registration updated")
    MEETING_REQUEST = "meeting_request", _("Meeting request")
    MEETING_SCHEDULE = "meeting_schedule", _("Meeting schedule changed")
