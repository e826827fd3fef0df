"""Who wants to hear how about what: each user's delivery per notification kind."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from techbridge.accounts.models import User
from techbridge.notifications.domain.unsubscribe import signed_token, token_value
from techbridge.notifications.enums import Delivery
from techbridge.notifications.kinds import RegisteredKind, registered_kind, registered_kinds
from techbridge.notifications.models import NotificationPreference

_UNSUBSCRIBE_SALT = "techbridge.notifications.unsubscribe"


class PreferenceError(ValueError):
    pass


def deliveries_for(*, users: Iterable[User], kind: RegisteredKind) -> dict[int, Delivery]:
    """Each user's delivery of `kind` (their choice, else the kind's default), in one query."""
    ids = [user.pk for user in users]
    chosen = dict(
        NotificationPreference.objects.filter(user_id__in=ids, kind=kind.code).values_list(
            "user_id", "delivery"
        )
    )
    return {pk: _effective(kind, chosen.get(pk)) for pk in ids}


def _effective(kind: RegisteredKind, stored: str | None) -> Delivery:
    delivery = Delivery(stored) if stored in Delivery.values else kind.default
    # A kind that stopped being digestible sends its e-mail at once rather than holding it.
    return delivery if delivery in kind.deliveries() else Delivery.EMAIL


def user_preferences(user: User) -> dict[str, Delivery]:
    """Every registered kind with the user's delivery of it, in registration order."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "delivery"))
    return {kind.code: _effective(kind, chosen.get(kind.code)) for kind in registered_kinds()}


def check_save_preferences(*, user: User, choices: dict[str, str]) -> None:
    """Refuse unknown kinds and deliveries a kind does not offer, then store the choices."""
    for code, delivery in choices.items():
        try:
            kind = registered_kind(code)
        except LookupError:
            raise PreferenceError(code) from None
        if delivery not in [choice.value for choice in kind.deliveries()]:
            raise PreferenceError(code)
    do_save_preferences(user=user, choices={code: Delivery(value) for code, value in choices.items()})


@transaction.atomic
def do_save_preferences(*, user: User, choices: dict[str, Delivery]) -> None:
    for code, delivery in choices.items():
        NotificationPreference.objects.update_or_create(user=user, kind=code, defaults={"delivery": delivery})


def unsubscribe_url(*, user: User, kinds: Iterable[str]) -> str:
    """A link that stops the e-mails of these kinds for this user without signing in."""
    token = signed_token([user.pk, sorted(set(kinds))], salt=_UNSUBSCRIBE_SALT)
    return settings.SITE_URL.rstrip("/") + reverse("notifications:unsubscribe", args=[token])


def unsubscription_from_token(token: str) -> tuple[User, list[RegisteredKind]] | None:
    """The user and the kinds a link of `unsubscribe_url` stands for; None for a forged or stale link."""
    value = token_value(token, salt=_UNSUBSCRIBE_SALT)
    if not (isinstance(value, list) and len(value) == 2):
        return None
    user_id, codes = value
    if not isinstance(user_id, int) or not isinstance(codes, list) or not codes:
        return None
    kinds = [kind for kind in registered_kinds() if kind.code in codes]
    user = User.objects.filter(pk=user_id).first()
    return (user, kinds) if user is not None and kinds else None


def do_stop_emails(*, user: User, kinds: Iterable[RegisteredKind]) -> None:
    """Unsubscribing stops the e-mails of these kinds; their notices stay visible in the app."""
    stopped = {}
    for kind in kinds:
        if deliveries_for(users=[user], kind=kind)[user.pk] in (Delivery.EMAIL, Delivery.DIGEST):
            stopped[kind.code] = Delivery.IN_APP
    do_save_preferences(user=user, choices=stopped)
