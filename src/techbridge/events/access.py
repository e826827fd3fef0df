"""The events app's permission funnel: every view and API operation fetches objects through here.

An object the user may not see answers 404, like one that does not exist.
- Events: published ones are public; drafts and cancelled ones only to their organisers.
- Registrations: a participant sees their own; the B2B catalogue (approved B2B participants) is open
  to the event's approved participants and organisers; organisers see every registration.
- Meeting requests and meetings: their two parties and the organisers.
"""

from __future__ import annotations

from django.db.models import Model, Q, QuerySet

from techbridge.common.access import one_or_404
from techbridge.directory.roles import AnyUser, member_organisation_ids
from techbridge.events.enums import EventStatus, RegistrationStatus
from techbridge.events.models import (
    Activity,
    BlockedTime,
    Event,
    ExhibitionArea,
    Meeting,
    MeetingRequest,
    Registration,
    Room,
    ScheduleRun,
    Showcase,
    Speaker,
    Venue,
)
from techbridge.events.roles import is_organiser, organised_event_ids
from techbridge.market.access import managed_listings, visible_listings
from techbridge.market.models import Listing


def visible_events(user: AnyUser) -> QuerySet[Event]:
    return Event.objects.filter(
        Q(status=EventStatus.PUBLISHED) | Q(pk__in=organised_event_ids(user))
    ).distinct()


def organised_events(user: AnyUser) -> QuerySet[Event]:
    return Event.objects.filter(pk__in=organised_event_ids(user))


def access_event(user: AnyUser, slug: str) -> Event:
    return one_or_404(visible_events(user), slug=slug)


def access_organised_event(user: AnyUser, slug: str) -> Event:
    """The event for its organisers' pages; to everyone else it does not exist."""
    return one_or_404(organised_events(user), slug=slug)


def own_registration(user: AnyUser, event: Event) -> Registration | None:
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(event=event, user=user).first()


def is_approved_participant(user: AnyUser, event: Event) -> bool:
    registration = own_registration(user, event)
    return registration is not None and registration.status == RegistrationStatus.APPROVED


def can_see_participants(user: AnyUser, event: Event) -> bool:
    return is_organiser(user, event) or is_approved_participant(user, event)


def b2b_catalogue(user: AnyUser, event: Event) -> QuerySet[Registration]:
    """The approved B2B participants the user may browse (none for outsiders)."""
    if not can_see_participants(user, event):
        return Registration.objects.none()
    return Registration.objects.filter(event=event, b2b=True, status=RegistrationStatus.APPROVED)


def access_catalogue_entry(user: AnyUser, event: Event, pk: object) -> Registration:
    return one_or_404(b2b_catalogue(user, event), pk=pk)


def managed_registrations(user: AnyUser, event: Event) -> QuerySet[Registration]:
    if not is_organiser(user, event):
        return Registration.objects.none()
    return Registration.objects.filter(event=event)


def access_managed_registration(user: AnyUser, event: Event, pk: object) -> Registration:
    return one_or_404(managed_registrations(user, event), pk=pk)


def visible_meeting_requests(user: AnyUser, event: Event) -> QuerySet[MeetingRequest]:
    requests = MeetingRequest.objects.filter(event=event)
    if is_organiser(user, event):
        return requests
    if not user.is_authenticated:
        return requests.none()
    return requests.filter(Q(requester__user=user) | Q(recipient__user=user))


def visible_meetings(user: AnyUser, event: Event) -> QuerySet[Meeting]:
    meetings = Meeting.objects.filter(event=event)
    if is_organiser(user, event):
        return meetings
    if not user.is_authenticated:
        return meetings.none()
    return meetings.filter(Q(first__user=user) | Q(second__user=user))


def access_schedule_run(user: AnyUser, event: Event, pk: object) -> ScheduleRun:
    if not is_organiser(user, event):
        return one_or_404(ScheduleRun.objects.none(), pk=pk)
    return one_or_404(ScheduleRun.objects.filter(event=event), pk=pk)


# --- B2B meetings -------------------------------------------------------------------------------


def access_b2b_event(user: AnyUser, slug: str) -> Event:
    """A visible event that holds B2B meetings; any other answers 404 on the B2B pages."""
    return one_or_404(visible_events(user).filter(b2b_enabled=True), slug=slug)


def access_organised_b2b_event(user: AnyUser, slug: str) -> Event:
    return one_or_404(organised_events(user).filter(b2b_enabled=True), slug=slug)


def access_own_registration(user: AnyUser, event: Event) -> Registration:
    """The user's approved registration: the B2B pages of a participant exist only for them."""
    if not user.is_authenticated:
        return one_or_404(Registration.objects.none())
    return one_or_404(
        Registration.objects.select_related("organisation", "user"),
        event=event,
        user=user,
        status=RegistrationStatus.APPROVED,
    )


def access_own_b2b_registration(user: AnyUser, event: Event) -> Registration:
    registration = access_own_registration(user, event)
    if not registration.b2b:
        return one_or_404(Registration.objects.none())
    return registration


def linkable_listings(user: AnyUser) -> QuerySet[Listing]:
    """Listings a participant may bring to an event: their own organisations' listings that they manage."""
    return managed_listings(user).filter(owner_organisation_id__in=member_organisation_ids(user))


def catalogue_listings(user: AnyUser) -> QuerySet[Listing]:
    """Linked listings the user may see next to a participant: visible, and with a visible owner,
    since showing an anonymous listing on its owner's profile would name the owner."""
    return visible_listings(user).filter(Q(anonymous=False) | Q(pk__in=managed_listings(user)))


def own_meetings(registration: Registration) -> QuerySet[Meeting]:
    return Meeting.objects.filter(Q(first=registration) | Q(second=registration))


def access_own_meeting(registration: Registration, public_id: object) -> Meeting:
    """A meeting of the participant (not the organisers' view: outcomes are recorded by the parties)."""
    meetings = own_meetings(registration).select_related(
        "first__user", "second__user", "first__organisation", "second__organisation", "request__listing"
    )
    return one_or_404(meetings, public_id=public_id)


def access_own_request(registration: Registration, pk: object) -> MeetingRequest:
    requests = MeetingRequest.objects.filter(Q(requester=registration) | Q(recipient=registration))
    return one_or_404(requests.select_related("requester__user", "recipient__user"), pk=pk)


def access_own_blocked_time(registration: Registration, pk: object) -> BlockedTime:
    return one_or_404(BlockedTime.objects.filter(registration=registration), pk=pk)


# --- Parts of an event that only its organisers edit (programme, venues, exhibitions).


def _organised[T: Model](user: AnyUser, event: Event, queryset: QuerySet[T], pk: object) -> T:
    return one_or_404(queryset if is_organiser(user, event) else queryset.none(), pk=pk)


def access_organised_venue(user: AnyUser, event: Event, pk: object) -> Venue:
    return _organised(user, event, Venue.objects.filter(event=event), pk)


def access_organised_room(user: AnyUser, event: Event, pk: object) -> Room:
    return _organised(user, event, Room.objects.filter(venue__event=event), pk)


def access_organised_activity(user: AnyUser, event: Event, pk: object) -> Activity:
    return _organised(user, event, Activity.objects.filter(event=event), pk)


def access_organised_speaker(user: AnyUser, event: Event, pk: object) -> Speaker:
    return _organised(user, event, Speaker.objects.filter(activity__event=event), pk)


def access_organised_area(user: AnyUser, event: Event, pk: object) -> ExhibitionArea:
    return _organised(user, event, ExhibitionArea.objects.filter(event=event), pk)


def access_organised_showcase(user: AnyUser, event: Event, pk: object) -> Showcase:
    return _organised(user, event, Showcase.objects.filter(area__event=event), pk)


def can_see_stream_links(user: AnyUser, event: Event) -> bool:
    """Live-stream and video-conference links: approved participants and organisers only."""
    return can_see_participants(user, event)
