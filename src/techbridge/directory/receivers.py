"""Directory reactions to events of lower floors (accounts), so accounts never imports us."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from techbridge.accounts.models import User
from techbridge.directory.domain.onboarding import do_join_by_email_domain
from techbridge.directory.domain.operators import do_grant_operator_admin
from techbridge.directory.domain.people import do_create_person_for_user
from techbridge.directory.models import CentreOperator


@receiver(post_save, sender=User, dispatch_uid="directory_person_for_new_user")
def create_person_for_new_user(
    sender: type[User], instance: User, created: bool, raw: bool = False, **kwargs: Any
) -> None:
    if created and not raw:
        do_create_person_for_user(user=instance)


@receiver(post_save, sender=CentreOperator, dispatch_uid="directory_operator_may_use_admin")
def give_operator_the_admin(
    sender: type[CentreOperator], instance: CentreOperator, raw: bool = False, **kwargs: Any
) -> None:
    """Technology brokers work in the admin site too; what they see there is still scoped by access.py."""
    if not raw:
        do_grant_operator_admin(user=instance.user)


@receiver(post_save, sender=User, dispatch_uid="directory_join_by_verified_domain")
def join_by_verified_domain(
    sender: type[User], instance: User, raw: bool = False, update_fields: Any = None, **kwargs: Any
) -> None:
    """Confirming an address at a domain an organisation verified makes the user its member."""
    if not raw and update_fields and "email_confirmed_at" in update_fields and instance.email_confirmed_at:
        do_join_by_email_domain(user=instance, now=timezone.now())
