"""Who hears about what: notices in each recipient's language, delivered in the app and by e-mail."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from django.utils import translation

from techbridge.accounts.models import User
from techbridge.directory.models import CentreOperator
from techbridge.market.models import Listing
from techbridge.market.tasks import deliver, owner_members


def centre_brokers(listing: Listing) -> list[User]:
    if listing.centre_id is None:
        return list(User.objects.filter(is_superuser=True, is_active=True))
    operators = CentreOperator.objects.filter(centre_id=listing.centre_id).select_related("user")
    return [operator.user for operator in operators]


def listing_owners(listing: Listing) -> list[User]:
    return owner_members(listing)


def notify(
    *,
    recipients: Iterable[User],
    kind: str,
    subject: Callable[[], str],
    body: Callable[[], str],
    url: str,
    now: datetime,
    skip: User | None = None,
) -> int:
    """`subject` and `body` are called once per recipient inside their language."""
    sent = 0
    for recipient in recipients:
        if skip is not None and recipient.pk == skip.pk:
            continue
        with translation.override(recipient.preferred_language or "en"):
            sent += deliver(
                recipients=[recipient], kind=kind, subject=subject(), body=body(), url=url, now=now
            )
    return sent
