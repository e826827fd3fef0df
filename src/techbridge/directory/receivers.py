"""Directory reactions to events of lower floors (accounts), so accounts never imports us."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from techbridge.accounts.models import User
from techbridge.directory.domain.people import do_create_person_for_user


@receiver(post_save, sender=User, dispatch_uid="directory_person_for_new_user")
def create_person_for_new_user(
    sender: type[User], instance: User, created: bool, raw: bool = False, **kwargs: Any
) -> None:
    if created and not raw:
        do_create_person_for_user(user=instance)
