from __future__ import annotations

from django.db import transaction

from techbridge.accounts.models import User
from techbridge.directory.models import ExpertProfile, Person


def do_create_person_for_user(*, user: User) -> Person:
    person, _created = Person.objects.get_or_create(user=user, defaults={"full_name": user.display_name})
    return person


@transaction.atomic
def do_save_profile(*, person: Person, expert: ExpertProfile | None, offers_expertise: bool) -> None:
    """Save a person and, when they offer expertise, their expert profile; all or nothing."""
    person.save()
    if offers_expertise and expert is not None:
        expert.person = person
        expert.save()
    elif not offers_expertise:
        ExpertProfile.objects.filter(person=person).delete()
