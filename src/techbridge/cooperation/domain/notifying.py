"""Telling the people of a case what happened, each in their own language (market's notify).

h-notify moves `notify` into the notifications app; only this import changes then.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from django.urls import reverse

from techbridge.accounts.models import User
from techbridge.cooperation.enums import NotificationKind
from techbridge.cooperation.models import CooperationCase
from techbridge.directory.models import CentreOperator, Membership
from techbridge.notifications.domain.delivery import notify

KIND = NotificationKind.COOPERATION


def case_url(case: CooperationCase) -> str:
    return reverse("cooperation:case", args=[case.pk])


def party_members(case: CooperationCase) -> list[User]:
    organisation_ids = case.parties.values_list("organisation_id", flat=True)
    memberships = Membership.objects.filter(organisation_id__in=organisation_ids, user__is_active=True)
    return [membership.user for membership in memberships.select_related("user")]


def case_brokers(case: CooperationCase) -> list[User]:
    operators = CentreOperator.objects.filter(centre_id=case.centre_id, user__is_active=True)
    return [operator.user for operator in operators.select_related("user")]


def tell(
    *,
    case: CooperationCase,
    recipients: Iterable[User],
    subject: Callable[[], str],
    body: Callable[[], str],
    now: datetime,
    skip: User | None = None,
    url: str = "",
) -> int:
    unique = list({user.pk: user for user in recipients}.values())
    return notify(
        recipients=unique,
        kind=KIND,
        subject=subject,
        body=body,
        url=url or case_url(case),
        now=now,
        skip=skip,
    )
