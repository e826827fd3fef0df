"""Starting a cooperation case (from an accepted EOI, a "cooperation possible" meeting outcome, or by
a broker) and moving it through its stages with history. Every write locks the case row and bumps
its `version`, so a broker's move and a party's signature never overwrite each other."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from techbridge.accounts.models import User
from techbridge.common.multilingual import localize
from techbridge.cooperation.domain.errors import CooperationError
from techbridge.cooperation.domain.notifying import case_brokers, party_members, tell
from techbridge.cooperation.enums import CasePartyRole, CaseSource, CaseStage
from techbridge.cooperation.models import CaseParty, CaseTransition, CooperationCase
from techbridge.directory.models import Centre, Organisation
from techbridge.events.enums import MeetingOutcomeKind
from techbridge.events.models import Event, Meeting, Showcase
from techbridge.market.enums import EoiStatus
from techbridge.market.models import ExpressionOfInterest, Listing
from techbridge_core.cooperation import stages as core
from techbridge_core.cooperation.refusals import CooperationRefusedError

MAX_TITLE = 256


@dataclass(frozen=True, kw_only=True)
class NewParty:
    organisation: Organisation
    role: str = CasePartyRole.OTHER
    contact: User | None = None


@dataclass(kw_only=True)
class NewCase:
    title: dict[str, str]
    source: str
    centre: Centre
    parties: Sequence[NewParty]
    broker: User | None = None
    interest: ExpressionOfInterest | None = None
    meeting: Meeting | None = None
    showcase: Showcase | None = None
    event: Event | None = None
    listings: Sequence[Listing] = field(default_factory=tuple)
    owner_revealed: bool = True
    countries: Sequence[str] = field(default_factory=tuple)


def _existing(**lookup: object) -> bool:
    return CooperationCase.objects.filter(**lookup).exclude(stage=CaseStage.ABANDONED).exists()


def check_start_from_interest(
    *, interest: ExpressionOfInterest, actor: User, now: datetime
) -> CooperationCase:
    """The "start negotiation" button of an accepted expression of interest."""
    if interest.status != EoiStatus.ACCEPTED:
        raise CooperationError("interest_not_accepted")
    if _existing(interest=interest):
        raise CooperationError("case_exists")
    listing = interest.listing
    if listing.centre is None:
        raise CooperationError("no_centre")
    parties = [NewParty(organisation=listing.owner_organisation, role=CasePartyRole.LISTING_OWNER)]
    if interest.sender_organisation is not None:
        parties.append(
            NewParty(
                organisation=interest.sender_organisation,
                role=CasePartyRole.INTERESTED,
                contact=interest.sender,
            )
        )
    countries = [listing.country] + [p.organisation.country for p in parties]
    new = NewCase(
        title=dict(listing.title),
        source=CaseSource.INTEREST,
        centre=listing.centre,
        parties=parties,
        interest=interest,
        listings=[listing],
        owner_revealed=not listing.anonymous,
        countries=countries,
    )
    return do_start_case(new=new, actor=actor, now=now)


def check_start_from_meeting(*, meeting: Meeting, actor: User, now: datetime) -> CooperationCase:
    """A B2B meeting whose outcome (either side's) is "cooperation possible"."""
    if not meeting.outcomes.filter(outcome=MeetingOutcomeKind.COOPERATION_POSSIBLE).exists():
        raise CooperationError("outcome_not_cooperation")
    if _existing(meeting=meeting):
        raise CooperationError("case_exists")
    centre = meeting.event.organising_centres.order_by("id").first()
    if centre is None:
        raise CooperationError("no_centre")
    sides = [meeting.first, meeting.second]
    parties = [
        NewParty(organisation=side.organisation, contact=side.user)
        for side in sides
        if side.organisation is not None
    ]
    listings = [meeting.interest.listing] if meeting.interest is not None else []
    first, second = (side.user.display_name for side in sides)
    new = NewCase(
        title={"en": f"{first} – {second}"},
        source=CaseSource.MEETING,
        centre=centre,
        parties=parties,
        meeting=meeting,
        interest=meeting.interest,
        listings=listings,
        countries=[side.country for side in sides if side.country],
    )
    return do_start_case(new=new, actor=actor, now=now)


def showcase_centre(showcase: Showcase) -> Centre | None:
    """The centre that follows a case started from a showcase: the listing's, else the event's
    first organising centre."""
    if showcase.listing.centre is not None:
        return showcase.listing.centre
    return showcase.area.event.organising_centres.order_by("id").first()


def check_start_from_showcase(
    *,
    showcase: Showcase,
    actor: User,
    as_broker: bool,
    organisation: Organisation | None,
    owner_visible: bool,
    now: datetime,
) -> CooperationCase:
    """The "start a cooperation case" button of an exhibition showcase. A broker of the responsible
    centre (or a platform admin) starts one with the listing's owner and follows it; a member of
    another organisation starts one between that organisation and the owner, the centre's broker
    following it. An anonymous listing's owner is reached through the broker (an expression of
    interest) by everyone else, as in the market."""
    listing = showcase.listing
    centre = showcase_centre(showcase)
    if centre is None:
        raise CooperationError("no_centre")
    parties = [NewParty(organisation=listing.owner_organisation, role=CasePartyRole.LISTING_OWNER)]
    if as_broker:
        if _existing(showcase=showcase, created_by=actor):
            raise CooperationError("case_exists")
    else:
        if not owner_visible:
            raise CooperationError("owner_through_broker")
        if organisation is None:
            raise CooperationError("organisation_needed")
        if organisation.pk == listing.owner_organisation_id:
            raise CooperationError("own_showcase")
        if _existing(showcase=showcase, parties__organisation=organisation):
            raise CooperationError("case_exists")
        parties.append(NewParty(organisation=organisation, role=CasePartyRole.INTERESTED, contact=actor))
    new = NewCase(
        title=dict(listing.title),
        source=CaseSource.SHOWCASE,
        centre=centre,
        broker=actor if as_broker else None,
        parties=parties,
        showcase=showcase,
        event=showcase.area.event,
        listings=[listing],
        owner_revealed=not listing.anonymous,
        countries=[listing.country] + [party.organisation.country for party in parties],
    )
    return do_start_case(new=new, actor=actor, now=now)


def check_start_by_broker(
    *,
    title: dict[str, str],
    centre: Centre,
    organisations: Sequence[Organisation],
    actor: User,
    operated_centre_ids: frozenset[int],
    is_admin: bool,
    now: datetime,
) -> CooperationCase:
    if not is_admin and centre.pk not in operated_centre_ids:
        raise CooperationError("not_allowed", "centre")
    if not any(text.strip() for text in title.values()):
        raise CooperationError("title_required", "title")
    if any(len(text) > MAX_TITLE for text in title.values()):
        raise CooperationError("text_too_long", "title")
    if not organisations:
        raise CooperationError("two_parties_needed", "organisations")
    new = NewCase(
        title=title,
        source=CaseSource.BROKER,
        centre=centre,
        broker=actor,
        parties=[NewParty(organisation=organisation) for organisation in organisations],
        countries=[organisation.country for organisation in organisations],
    )
    return do_start_case(new=new, actor=actor, now=now)


@transaction.atomic
def do_start_case(*, new: NewCase, actor: User, now: datetime) -> CooperationCase:
    case = CooperationCase.objects.create(
        title=new.title,
        source=new.source,
        centre=new.centre,
        broker=new.broker,
        interest=new.interest,
        meeting=new.meeting,
        showcase=new.showcase,
        event=new.event or (new.meeting.event if new.meeting is not None else None),
        owner_revealed=new.owner_revealed,
        countries=sorted({code for code in new.countries if code}),
        created_by=actor,
        created_at=now,
        last_activity_at=now,
    )
    seen: set[int] = set()
    for party in new.parties:
        if party.organisation.pk in seen:
            continue
        seen.add(party.organisation.pk)
        CaseParty.objects.create(
            case=case, organisation=party.organisation, role=party.role, contact=party.contact
        )
    if new.listings:
        case.listings.set(new.listings)
        fields = {field.pk for listing in new.listings for field in listing.technology_fields.all()}
        case.technology_fields.set(fields)
    CaseTransition.objects.create(case=case, to_stage=case.stage, actor=actor, at=now)
    tell(
        case=case,
        recipients=party_members(case) + case_brokers(case),
        subject=lambda: _("Negotiation started: %(title)s") % {"title": localize(case.title)},
        body=lambda: "",
        now=now,
        skip=actor,
    )
    return case


def case_state(case: CooperationCase) -> core.CaseState:
    held = core.CaseStage(case.held_from) if case.held_from else None
    return core.CaseState(stage=core.CaseStage(case.stage), held_from=held)


def allowed_stages(case: CooperationCase) -> tuple[str, ...]:
    return tuple(stage.value for stage in core.allowed_targets(case_state(case)))


def lock_case(case_id: int) -> CooperationCase:
    """The case row, locked until the transaction ends (the one lock order: case, then agreement)."""
    return CooperationCase.objects.select_for_update().get(pk=case_id)


def check_change_stage(
    *,
    case: CooperationCase,
    target: str,
    reason: str,
    actor: User,
    may_manage: bool,
    expected_version: int | None = None,
    now: datetime,
) -> CooperationCase:
    if not may_manage:
        raise CooperationError("not_allowed")
    try:
        core.CaseStage(target)
    except ValueError as error:
        raise CooperationError("stage_not_allowed", "stage") from error
    return do_change_stage(
        case_id=case.pk, target=target, reason=reason, actor=actor, expected_version=expected_version, now=now
    )


@transaction.atomic
def do_change_stage(
    *, case_id: int, target: str, reason: str, actor: User | None, expected_version: int | None, now: datetime
) -> CooperationCase:
    case = lock_case(case_id)
    if expected_version is not None and expected_version != case.version:
        raise CooperationError("stale_version", "version")
    try:
        decision = core.decide_stage_change(
            case_state(case), core.StageChange(target=core.CaseStage(target), reason=reason)
        )
    except CooperationRefusedError as refused:
        raise CooperationError.from_core(refused) from refused
    record_stage(case, stage=decision.stage.value, reason=decision.reason, actor=actor, now=now)
    case.held_from = decision.held_from.value if decision.held_from else ""
    case.save(update_fields=["stage", "held_from", "last_activity_at", "version"])
    stage_label = CaseStage(case.stage).label
    tell(
        case=case,
        recipients=party_members(case) + case_brokers(case),
        subject=lambda: (
            _("%(title)s is now: %(stage)s") % {"title": localize(case.title), "stage": stage_label}
        ),
        body=lambda: decision.reason,
        now=now,
        skip=actor,
    )
    return case


def record_stage(
    case: CooperationCase, *, stage: str, reason: str, actor: User | None, now: datetime
) -> None:
    """History row and new stage on a LOCKED case; the caller saves."""
    CaseTransition.objects.create(
        case=case, from_stage=case.stage, to_stage=stage, actor=actor, reason=reason, at=now
    )
    case.stage = stage
    case.last_activity_at = now
    case.version += 1


def touch(case_id: int, *, now: datetime) -> None:
    """Record activity (a message, an upload) without taking the row lock for long."""
    CooperationCase.objects.filter(pk=case_id, last_activity_at__lt=now).update(last_activity_at=now)


def check_reveal_owner(
    *, case: CooperationCase, is_owner_party: bool, actor: User, now: datetime
) -> CooperationCase:
    """The anonymous listing's owner agrees to be named to the other parties."""
    if not is_owner_party:
        raise CooperationError("owner_only")
    CooperationCase.objects.filter(pk=case.pk).update(owner_revealed=True, last_activity_at=now)
    case.owner_revealed = True
    return case
