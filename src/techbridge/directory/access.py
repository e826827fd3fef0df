"""The permission funnel of the directory: every view and API operation fetches through here.

`visible_*` return the queryset a user may see; `access_*` return one object or raise
Http404, so a hidden object and a missing one look the same from outside.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from techbridge.common.access import one_or_404
from techbridge.directory.enums import OrganisationRole, ProfileVisibility
from techbridge.directory.models import (
    Centre,
    JoinRequest,
    Organisation,
    OrganisationEmailDomain,
    OrganisationProposal,
    Person,
)
from techbridge.directory.roles import (
    AnyUser,
    administered_organisation_ids,
    is_platform_admin,
    member_organisation_ids,
    operated_centre_ids,
)


def visible_organisations(user: AnyUser) -> QuerySet[Organisation]:
    organisations = Organisation.objects.all()
    if is_platform_admin(user):
        return organisations
    rule = Q(is_published=True)
    if user.is_authenticated:
        rule |= Q(pk__in=member_organisation_ids(user)) | Q(centre__in=operated_centre_ids(user))
    return organisations.filter(rule)


def editable_organisations(user: AnyUser) -> QuerySet[Organisation]:
    if is_platform_admin(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(
        Q(pk__in=administered_organisation_ids(user)) | Q(centre__in=operated_centre_ids(user))
    )


def visible_people(user: AnyUser) -> QuerySet[Person]:
    people = Person.objects.all()
    if is_platform_admin(user):
        return people
    if not user.is_authenticated:
        return people.filter(
            Q(visibility=ProfileVisibility.PUBLIC)
            & (Q(organisation__isnull=True) | Q(organisation__is_published=True))
        )
    rule = Q(visibility__in=(ProfileVisibility.PUBLIC, ProfileVisibility.MEMBERS))
    rule |= Q(user=user) | Q(organisation__in=administered_organisation_ids(user))
    rule |= Q(organisation__centre__in=operated_centre_ids(user))
    return people.filter(rule)


def editable_people(user: AnyUser) -> QuerySet[Person]:
    if is_platform_admin(user):
        return Person.objects.all()
    if not user.is_authenticated:
        return Person.objects.none()
    return Person.objects.filter(
        Q(user=user)
        | Q(organisation__in=administered_organisation_ids(user), user__isnull=True)
        | Q(organisation__centre__in=operated_centre_ids(user), user__isnull=True)
    )


def visible_centres(user: AnyUser) -> QuerySet[Centre]:
    return Centre.objects.all()


def access_organisation(user: AnyUser, pk: object, *, for_edit: bool = False) -> Organisation:
    return one_or_404(editable_organisations(user) if for_edit else visible_organisations(user), pk=pk)


def access_person(user: AnyUser, pk: object, *, for_edit: bool = False) -> Person:
    return one_or_404(editable_people(user) if for_edit else visible_people(user), pk=pk)


def access_centre(user: AnyUser, slug: str) -> Centre:
    return one_or_404(visible_centres(user), slug=slug)


def visible_join_requests(user: AnyUser) -> QuerySet[JoinRequest]:
    """The requester's own, those for organisations the user administers, and those of
    organisations without administrators for the brokers of their centre."""
    requests = JoinRequest.objects.select_related("organisation", "user", "decided_by")
    if is_platform_admin(user):
        return requests
    if not user.is_authenticated:
        return requests.none()
    brokered = Q(centre__in=operated_centre_ids(user)) | Q(
        centre__alliance__coordinating_centre__in=operated_centre_ids(user)
    )
    without_admin = Organisation.objects.filter(brokered).exclude(memberships__role=OrganisationRole.ADMIN)
    return requests.filter(
        Q(user=user)
        | Q(organisation__in=administered_organisation_ids(user))
        | Q(organisation__in=without_admin)
    )


def access_join_request(user: AnyUser, pk: object) -> JoinRequest:
    return one_or_404(visible_join_requests(user), pk=pk)


def visible_proposals(user: AnyUser) -> QuerySet[OrganisationProposal]:
    """The proposer's own proposals and those waiting at the centres the user brokers."""
    proposals = OrganisationProposal.objects.select_related("centre", "proposer", "organisation")
    if is_platform_admin(user):
        return proposals
    if not user.is_authenticated:
        return proposals.none()
    return proposals.filter(Q(proposer=user) | Q(centre__in=operated_centre_ids(user)))


def access_proposal(user: AnyUser, pk: object) -> OrganisationProposal:
    return one_or_404(visible_proposals(user), pk=pk)


def visible_email_domains(user: AnyUser) -> QuerySet[OrganisationEmailDomain]:
    """Declared domains of organisations the user administers or brokers."""
    domains = OrganisationEmailDomain.objects.select_related("organisation")
    return domains.filter(organisation__in=editable_organisations(user))


def access_email_domain(user: AnyUser, pk: object) -> OrganisationEmailDomain:
    return one_or_404(visible_email_domains(user), pk=pk)
