from __future__ import annotations

from django.contrib.auth.models import Group

from techbridge.accounts.models import User

OPERATOR_GROUP = "Centre operators"


def do_grant_operator_admin(*, user: User) -> None:
    """Staff status and the operators' group (created by a migration) for a new centre operator."""
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    group = Group.objects.filter(name=OPERATOR_GROUP).first()
    if group is not None:
        user.groups.add(group)
