"""The cooperation app's permission funnel: every view and API operation fetches objects through here.

A case is seen by its parties' members (organisation admins are members too) and contact people, the
brokers of its responsible centre and platform admins; everyone else gets 404, as for a case that does not exist.
Agreements, projects, milestones, messages and documents follow their case. Confidential amounts
and documents are for the agreement's parties only; internal notes for brokers and admins only;
an anonymous listing's owner stays hidden from the other parties until it agrees to be named.
"""

from __future__ import annotations

from django.db.models import Case, Exists, F, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.http import Http404

from techbridge.common.access import one_or_404
from techbridge.cooperation.enums import CasePartyRole
from techbridge.cooperation.models import (
    Agreement,
    AgreementDocument,
    CaseMessage,
    CaseParty,
    CooperationCase,
    MessageAttachment,
    Milestone,
    Project,
)
from techbridge.cooperation.roles import CaseRole, case_roles, sees_confidential
from techbridge.directory.models import Centre, Membership
from techbridge.directory.roles import (
    AnyUser,
    is_platform_admin,
    member_organisation_ids,
    operated_centre_ids,
)
from techbridge.events.access import visible_events
from techbridge.events.models import Meeting, Showcase
from techbridge.market.access import visible_listings


def visible_cases(user: AnyUser) -> QuerySet[CooperationCase]:
    cases = CooperationCase.objects.all()
    if is_platform_admin(user):
        return cases
    if not user.is_authenticated:
        return cases.none()
    party = CaseParty.objects.filter(
        Q(organisation_id__in=member_organisation_ids(user)) | Q(contact=user), case=OuterRef("pk")
    )
    return cases.filter(Q(centre_id__in=operated_centre_ids(user)) | Q(Exists(party)))


def brokered_cases(user: AnyUser) -> QuerySet[CooperationCase]:
    """The pipeline board's cases: the user's centres' (all for platform admins)."""
    if is_platform_admin(user):
        return CooperationCase.objects.all()
    return CooperationCase.objects.filter(centre_id__in=operated_centre_ids(user))


def my_cases(user: AnyUser) -> QuerySet[CooperationCase]:
    """ "My cooperation": cases of the user's organisations, and the cases they broker."""
    if not user.is_authenticated:
        return CooperationCase.objects.none()
    party = CaseParty.objects.filter(
        Q(organisation_id__in=member_organisation_ids(user)) | Q(contact=user), case=OuterRef("pk")
    )
    return CooperationCase.objects.filter(
        Q(Exists(party)) | Q(centre_id__in=operated_centre_ids(user)) | Q(broker=user)
    )


def access_case(user: AnyUser, pk: object) -> CooperationCase:
    """The case with its parties (and their organisations) loaded once: every role question
    asked about it afterwards (case_roles, owner_hidden_from, shown_parties…) costs no query."""
    parties = Prefetch("parties", queryset=CaseParty.objects.select_related("organisation"))
    return one_or_404(
        visible_cases(user)
        .select_related("centre", "broker", "interest", "meeting", "event", "showcase__area__event")
        .prefetch_related(parties),
        pk=pk,
    )


def visible_agreements(user: AnyUser) -> QuerySet[Agreement]:
    return Agreement.objects.filter(case__in=visible_cases(user))


def access_agreement(user: AnyUser, pk: object) -> Agreement:
    return one_or_404(visible_agreements(user).select_related("case", "signing_activity"), pk=pk)


def visible_projects(user: AnyUser) -> QuerySet[Project]:
    return Project.objects.filter(case__in=visible_cases(user))


def access_project(user: AnyUser, pk: object) -> Project:
    return one_or_404(visible_projects(user).select_related("case", "agreement"), pk=pk)


def access_milestone(user: AnyUser, project: Project, pk: object) -> Milestone:
    return one_or_404(project.milestones.all(), pk=pk)


def sees_internal_notes(user: AnyUser, case: CooperationCase) -> bool:
    return bool(case_roles(user, case) & {CaseRole.BROKER, CaseRole.ADMIN})


def visible_messages(user: AnyUser, case: CooperationCase) -> QuerySet[CaseMessage]:
    """The thread the user may read. Each message carries `shown_author_id`: its author, or None
    while the author speaks for an anonymous listing's owner that must stay unnamed to this user."""
    messages = (
        case.messages.select_related("author").prefetch_related("attachments").order_by("created_at", "id")
    )
    if owner_hidden_from(user, case):
        owners = [p.organisation_id for p in case.parties.all() if p.role == CasePartyRole.LISTING_OWNER]
        owner_people = Membership.objects.filter(organisation_id__in=owners).values("user_id")
        messages = messages.annotate(
            shown_author_id=Case(When(author_id__in=owner_people, then=Value(None)), default=F("author_id"))
        )
    else:
        messages = messages.annotate(shown_author_id=F("author_id"))
    if sees_internal_notes(user, case):
        return messages
    return messages.filter(channel="parties")


def access_attachment(user: AnyUser, pk: object) -> MessageAttachment:
    attachment = one_or_404(
        MessageAttachment.objects.filter(message__case__in=visible_cases(user)).select_related(
            "message__case"
        ),
        pk=pk,
    )
    if attachment.message.channel != "parties" and not sees_internal_notes(user, attachment.message.case):
        raise Http404
    return attachment


def access_document(user: AnyUser, pk: object) -> AgreementDocument:
    document = one_or_404(
        AgreementDocument.objects.filter(agreement__case__in=visible_cases(user)).select_related("agreement"),
        pk=pk,
    )
    if document.agreement.documents_confidential and not sees_confidential(user, document.agreement):
        raise Http404
    return document


def shows_amounts(user: AnyUser, agreement: Agreement) -> bool:
    return not agreement.amounts_confidential or sees_confidential(user, agreement)


def shows_documents(user: AnyUser, agreement: Agreement) -> bool:
    return not agreement.documents_confidential or sees_confidential(user, agreement)


def owner_hidden_from(user: AnyUser, case: CooperationCase) -> bool:
    """True while the anonymous listing's owner must stay unnamed for this user."""
    if case.owner_revealed:
        return False
    roles = case_roles(user, case)
    if roles & {CaseRole.BROKER, CaseRole.ADMIN}:
        return False
    owner_ids = {p.organisation_id for p in case.parties.all() if p.role == CasePartyRole.LISTING_OWNER}
    return not (owner_ids & member_organisation_ids(user))


def shown_parties(user: AnyUser, case: CooperationCase) -> list[CaseParty]:
    """The case's parties the user may see named (the anonymous owner's row is left out)."""
    hidden = owner_hidden_from(user, case)
    parties = case.parties.all()  # access_case loaded them with their organisations
    return [p for p in parties if not (hidden and p.role == CasePartyRole.LISTING_OWNER)]


def is_listing_owner_party(user: AnyUser, case: CooperationCase) -> bool:
    members = member_organisation_ids(user)
    return any(
        p.organisation_id in members and p.role == CasePartyRole.LISTING_OWNER for p in case.parties.all()
    )


def access_cooperation_meeting(user: AnyUser, public_id: object) -> Meeting:
    """A meeting the user sat in, or one of an event whose organising centre the user operates."""
    meetings = Meeting.objects.select_related("event", "first", "second", "interest__listing")
    if not is_platform_admin(user):
        if not user.is_authenticated:
            raise Http404
        sat_in = Q(first__user=user) | Q(second__user=user)
        meetings = meetings.filter(
            sat_in | Q(event__organising_centres__in=operated_centre_ids(user))
        ).distinct()
    return one_or_404(meetings, public_id=public_id)


def access_showcase(user: AnyUser, pk: object) -> Showcase:
    """A showcased achievement of an event the user may see, whose listing the user may see."""
    showcases = Showcase.objects.filter(
        area__event__in=visible_events(user), listing__in=visible_listings(user)
    ).select_related("area__event", "listing__centre", "listing__owner_organisation")
    return one_or_404(showcases, pk=pk)


def acting_organisation_id(user: AnyUser, chosen: object, *, not_this: int) -> int | None:
    """The organisation a member acts for: the one chosen if the user belongs to it, else the
    first of theirs other than `not_this` (else `not_this` itself when it is theirs, else None)."""
    members = member_organisation_ids(user)
    try:
        wanted = int(str(chosen))
    except ValueError:
        wanted = None
    if wanted in members:
        return wanted
    others = sorted(members - {not_this})
    if others:
        return others[0]
    return not_this if not_this in members else None


def operated_centres(user: AnyUser) -> QuerySet[Centre]:
    """Centres whose registration export the user may take: their own (all for platform admins)."""
    if is_platform_admin(user):
        return Centre.objects.order_by("slug")
    return Centre.objects.filter(pk__in=operated_centre_ids(user)).order_by("slug")
