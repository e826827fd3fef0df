"""Filtering of directory lists: one function per list, shared by the pages and the API."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet

from techbridge.directory.models import ExpertProfile, Organisation, Person


@dataclass(frozen=True, kw_only=True)
class OrganisationFilters:
    q: str = ""
    kind: str = ""
    country: str = ""
    field_id: int | None = None
    centre_id: int | None = None


@dataclass(frozen=True, kw_only=True)
class PersonFilters:
    q: str = ""
    experts_only: bool = False
    field_id: int | None = None
    country: str = ""
    language: str = ""


def filter_organisations(
    organisations: QuerySet[Organisation], filters: OrganisationFilters
) -> QuerySet[Organisation]:
    if filters.q:
        organisations = organisations.filter(search_text__contains=filters.q.casefold())
    if filters.kind:
        organisations = organisations.filter(kind=filters.kind)
    if filters.country:
        organisations = organisations.filter(country=filters.country.upper())
    if filters.field_id:
        organisations = organisations.filter(
            Exists(
                Organisation.technology_fields.through.objects.filter(
                    organisation_id=OuterRef("pk"), technologyfield_id=filters.field_id
                )
            )
        )
    if filters.centre_id:
        organisations = organisations.filter(centre_id=filters.centre_id)
    return organisations.select_related("centre").order_by("id")


def filter_people(people: QuerySet[Person], filters: PersonFilters) -> QuerySet[Person]:
    if filters.q:
        people = people.filter(search_text__contains=filters.q.casefold())
    if filters.experts_only or filters.field_id:
        experts = ExpertProfile.objects.filter(person_id=OuterRef("pk"))
        if filters.field_id:
            experts = experts.filter(technology_fields=filters.field_id)
        people = people.filter(Exists(experts))
    if filters.country:
        people = people.filter(country=filters.country.upper())
    if filters.language:
        people = _speaking(people, filters.language)
    return people.select_related("organisation", "expert_profile").order_by("id")


def _speaking(people: QuerySet[Person], language: str) -> QuerySet[Person]:
    # JSON containment is not portable to SQLite; an exact match on the quoted code inside the
    # stored JSON list is, and language codes are two lowercase letters, so it cannot mis-match.
    return people.filter(languages__icontains=f'"{language}"')
