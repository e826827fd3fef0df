"""The permission funnel of the instrument platform: every view, partial, export, feed and API
operation fetches through here. Hidden objects raise Http404, never 403.

- The catalogue is public for facilities marked public whose organisation is published; members
  of the owning organisation, its facility managers, the operators of its centre and platform
  administrators also see non-public facilities.
- Bookings are seen by the booker, the facility's managers, and platform administrators.
- Facility managers manage (approve, check in, set blackouts) only their own facilities.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from techbridge.common.access import one_or_404
from techbridge.directory.models import Organisation
from techbridge.directory.roles import (
    AnyUser,
    administered_organisation_ids,
    is_platform_admin,
    member_organisation_ids,
    operated_centre_ids,
)
from techbridge.instruments.models import Booking, Facility, Instrument
from techbridge.instruments.roles import is_official, managed_facility_ids


def visible_facilities(user: AnyUser) -> QuerySet[Facility]:
    facilities = Facility.objects.all()
    if is_platform_admin(user):
        return facilities
    rule = Q(is_public=True, organisation__is_published=True)
    if user.is_authenticated:
        rule |= Q(organisation__in=member_organisation_ids(user)) | Q(pk__in=managed_facility_ids(user))
        rule |= Q(organisation__centre__in=operated_centre_ids(user))
    return facilities.filter(rule)


def managed_facilities(user: AnyUser) -> QuerySet[Facility]:
    if is_platform_admin(user):
        return Facility.objects.all()
    return Facility.objects.filter(pk__in=managed_facility_ids(user))


def visible_instruments(user: AnyUser) -> QuerySet[Instrument]:
    return Instrument.objects.filter(facility__in=visible_facilities(user))


def managed_instruments(user: AnyUser) -> QuerySet[Instrument]:
    return Instrument.objects.filter(facility__in=managed_facilities(user))


def visible_bookings(user: AnyUser) -> QuerySet[Booking]:
    if is_platform_admin(user):
        return Booking.objects.all()
    if not user.is_authenticated:
        return Booking.objects.none()
    return Booking.objects.filter(Q(user=user) | Q(instrument__facility__in=managed_facility_ids(user)))


def managed_bookings(user: AnyUser) -> QuerySet[Booking]:
    return Booking.objects.filter(instrument__facility__in=managed_facilities(user))


def statement_organisations(user: AnyUser) -> QuerySet[Organisation]:
    """Organisations whose monthly statements the user may read: the ones they administer,
    those of the centres they operate, and all for platform administrators."""
    if is_platform_admin(user):
        return Organisation.objects.all()
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        Q(pk__in=administered_organisation_ids(user)) | Q(centre__in=operated_centre_ids(user))
    )


def sees_internal_details(user: AnyUser, facility: Facility) -> bool:
    """Internal notes and who booked: the owning organisation's members, managers, admins."""
    return (
        is_platform_admin(user)
        or facility.pk in managed_facility_ids(user)
        or facility.organisation_id in member_organisation_ids(user)
    )


def may_read_statistics(user: AnyUser) -> bool:
    return is_official(user) or bool(managed_facility_ids(user))


def access_instrument(user: AnyUser, pk: object, *, for_manage: bool = False) -> Instrument:
    queryset = managed_instruments(user) if for_manage else visible_instruments(user)
    return one_or_404(queryset.select_related("facility__organisation__centre", "category"), pk=pk)


def access_booking(user: AnyUser, pk: object, *, for_manage: bool = False) -> Booking:
    queryset = managed_bookings(user) if for_manage else visible_bookings(user)
    related = queryset.select_related("instrument__facility__organisation__centre", "user", "organisation")
    return one_or_404(related, pk=pk)


def access_statement_organisation(user: AnyUser, pk: object) -> Organisation:
    return one_or_404(statement_organisations(user), pk=pk)
