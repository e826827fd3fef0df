"""A small world with one user per role and objects of every visibility, for permission tests."""

from __future__ import annotations

from dataclasses import dataclass

from django.test import Client

from factories import make_centre, make_member, make_operator, make_organisation, make_person, make_user
from techbridge.accounts.models import User
from techbridge.directory.enums import ProfileVisibility
from techbridge.directory.models import Centre, Organisation, Person


@dataclass
class World:
    centre: Centre
    other_centre: Centre
    published: Organisation
    pending: Organisation
    pending_elsewhere: Organisation
    public_person: Person
    members_person: Person
    private_person: Person
    platform_admin: User
    operator: User
    other_operator: User
    org_admin: User
    org_member: User
    expert: User
    outsider: User

    def user(self, role: str) -> User | None:
        return None if role == "anonymous" else getattr(self, role)


ROLES = (
    "anonymous",
    "outsider",
    "expert",
    "org_member",
    "org_admin",
    "operator",
    "other_operator",
    "platform_admin",
)


def build_world() -> World:
    centre = make_centre(slug="cq-hu")
    other_centre = make_centre(slug="guizhou")
    published = make_organisation(centre=centre)
    pending = make_organisation(centre=centre, is_published=False)
    pending_elsewhere = make_organisation(centre=other_centre, is_published=False)
    org_admin = make_member(pending, admin=True)
    org_member = make_member(pending)
    expert = make_user()
    expert.person.visibility = ProfileVisibility.PUBLIC  # type: ignore[attr-defined]
    expert.person.save()  # type: ignore[attr-defined]
    from factories import make_expert

    make_expert(expert.person)  # type: ignore[attr-defined]
    return World(
        centre=centre,
        other_centre=other_centre,
        published=published,
        pending=pending,
        pending_elsewhere=pending_elsewhere,
        public_person=make_person(organisation=published, visibility=ProfileVisibility.PUBLIC),
        members_person=make_person(organisation=published, visibility=ProfileVisibility.MEMBERS),
        private_person=make_person(organisation=pending, visibility=ProfileVisibility.PRIVATE),
        platform_admin=make_user(is_superuser=True, is_staff=True),
        operator=make_operator(centre),
        other_operator=make_operator(other_centre),
        org_admin=org_admin,
        org_member=org_member,
        expert=expert,
        outsider=make_user(),
    )


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client
