"""Directory endpoints: organisations, people and centres, through the same access funnel as the pages."""

from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.http import HttpRequest
from ninja import Query, Router
from ninja.errors import HttpError
from ninja.pagination import paginate

from techbridge.api.auth import READ, READ_OPENAPI, WRITE
from techbridge.api.pagination import BoundedPageNumberPagination
from techbridge.api.schemas import (
    CentreOut,
    ErrorOut,
    InputSchema,
    OrganisationOut,
    OrganisationPatch,
    PersonOut,
)
from techbridge.directory.access import (
    access_centre,
    access_organisation,
    visible_centres,
    visible_organisations,
    visible_people,
)
from techbridge.directory.domain.organisations import OrganisationChangeError, check_update_organisation
from techbridge.directory.domain.queries import (
    OrganisationFilters,
    PersonFilters,
    filter_organisations,
    filter_people,
)
from techbridge.directory.models import Branch, Centre, Person, TechnologyField

router = Router(tags=["directory"])
NO_MATCH = -1  # an id no row has: an unknown filter value must give an empty list, not an unfiltered one


class OrganisationQuery(InputSchema):
    q: str = ""
    kind: str = ""
    country: str = ""
    field: str = ""
    centre: str = ""


class PersonQuery(InputSchema):
    q: str = ""
    experts: bool = False
    field: str = ""
    country: str = ""
    language: str = ""


def _field_id(code: str) -> int | None:
    if not code:
        return None
    return TechnologyField.objects.filter(code=code).values_list("pk", flat=True).first() or NO_MATCH


def _centre_id(user: Any, slug: str) -> int | None:
    if not slug:
        return None
    return visible_centres(user).filter(slug=slug).values_list("pk", flat=True).first() or NO_MATCH


@router.get(
    "/organisations",
    response={200: list[OrganisationOut], 401: ErrorOut, 422: ErrorOut},
    auth=READ,
    openapi_extra=READ_OPENAPI,
)
@paginate(BoundedPageNumberPagination, page_size=25)
def list_organisations(request: HttpRequest, filters: Query[OrganisationQuery]) -> Any:
    user = request.auth  # type: ignore[attr-defined]
    criteria = OrganisationFilters(
        q=filters.q,
        kind=filters.kind,
        country=filters.country,
        field_id=_field_id(filters.field),
        centre_id=_centre_id(user, filters.centre),
    )
    return filter_organisations(visible_organisations(user), criteria).prefetch_related(
        "technology_fields", "industries"
    )


@router.get(
    "/organisations/{organisation_id}",
    response={200: OrganisationOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    auth=READ,
    openapi_extra=READ_OPENAPI,
)
def get_organisation(request: HttpRequest, organisation_id: int) -> Any:
    return access_organisation(request.auth, organisation_id)  # type: ignore[attr-defined]


@router.patch(
    "/organisations/{organisation_id}",
    response={200: OrganisationOut, 404: ErrorOut, 422: ErrorOut, 401: ErrorOut, 403: ErrorOut},
    auth=WRITE,
)
def update_organisation(request: HttpRequest, organisation_id: int, payload: OrganisationPatch) -> Any:
    organisation = access_organisation(request.auth, organisation_id, for_edit=True)  # type: ignore[attr-defined]
    try:
        with transaction.atomic():
            check_update_organisation(organisation=organisation, changes=payload.dict(exclude_unset=True))
    except OrganisationChangeError as error:
        raise HttpError(422, str(error.message)) from error
    return organisation


def _people(user: Any) -> QuerySet[Person]:
    organisation_visible = Exists(visible_organisations(user).filter(pk=OuterRef("organisation_id")))
    return visible_people(user).annotate(organisation_visible=organisation_visible)


@router.get(
    "/people",
    response={200: list[PersonOut], 401: ErrorOut, 422: ErrorOut},
    auth=READ,
    openapi_extra=READ_OPENAPI,
)
@paginate(BoundedPageNumberPagination, page_size=25)
def list_people(request: HttpRequest, filters: Query[PersonQuery]) -> Any:
    user = request.auth  # type: ignore[attr-defined]
    criteria = PersonFilters(
        q=filters.q,
        experts_only=filters.experts,
        field_id=_field_id(filters.field),
        country=filters.country,
        language=filters.language,
    )
    return filter_people(_people(user), criteria).prefetch_related("expert_profile__technology_fields")


@router.get(
    "/people/{person_id}",
    response={200: PersonOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    auth=READ,
    openapi_extra=READ_OPENAPI,
)
def get_person(request: HttpRequest, person_id: int) -> Any:
    person = _people(request.auth).select_related("expert_profile").filter(pk=person_id).first()  # type: ignore[attr-defined]
    if person is None:
        raise HttpError(404, "Not found")
    return person


def _centres(user: Any) -> QuerySet[Centre]:
    branches = Prefetch("branches", queryset=Branch.objects.order_by("id"))
    return visible_centres(user).select_related("alliance").prefetch_related(branches).order_by("id")


@router.get(
    "/centres",
    response={200: list[CentreOut], 401: ErrorOut, 422: ErrorOut},
    auth=READ,
    openapi_extra=READ_OPENAPI,
)
@paginate(BoundedPageNumberPagination, page_size=25)
def list_centres(request: HttpRequest) -> Any:
    return _centres(request.auth)  # type: ignore[attr-defined]


@router.get(
    "/centres/{slug}",
    response={200: CentreOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    auth=READ,
    openapi_extra=READ_OPENAPI,
)
def get_centre(request: HttpRequest, slug: str) -> Any:
    access_centre(request.auth, slug)  # type: ignore[attr-defined]
    return _centres(request.auth).get(slug=slug)  # type: ignore[attr-defined]
