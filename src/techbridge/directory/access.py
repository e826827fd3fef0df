"""The permission funnel of the directory: every view and API operation fetches through here.

`visible_*` return the queryset a user may see; `access_*` return one object or raise
Http404, so a hidden object and a missing one look the same from outside.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from techbridge.common.access import one_or_404
from techbridge.directory.enums import ProfileVisibility
from techbridge.directory.models import Centre, Organisation, Person
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
