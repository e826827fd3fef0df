"""The kinds of notification, registered by the app that sends them.

Each app declares its kinds (a TextChoices of codes and translatable labels) and registers them
from its `ready()`, so this low app never needs to know the apps above it and no migration
carries another app's kinds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db.models import TextChoices
from django.utils.functional import Promise

from techbridge.notifications.enums import Delivery

CODE_LENGTH = 30


@dataclass(frozen=True)
class RegisteredKind:
    code: str
    label: str | Promise
    default: Delivery = Delivery.EMAIL
    digestible: bool = True

    def deliveries(self) -> tuple[Delivery, ...]:
        """The choices a user has for this kind (a time-critical kind is never held for a digest)."""
        return tuple(delivery for delivery in Delivery if self.digestible or delivery is not Delivery.DIGEST)


_KINDS: dict[str, RegisteredKind] = {}


def register_kind(
    code: str, label: str | Promise, *, default: Delivery = Delivery.EMAIL, digestible: bool = True
) -> RegisteredKind:
    kind = RegisteredKind(code=code, label=label, default=default, digestible=digestible)
    if len(code) > CODE_LENGTH:
        raise ImproperlyConfigured(f"The notification kind {code!r} is longer than {CODE_LENGTH} characters.")
    known = _KINDS.get(code)
    if known is not None and known != kind:
        raise ImproperlyConfigured(f"Two notification kinds are registered as {code!r}.")
    if not digestible and default is Delivery.DIGEST:
        raise ImproperlyConfigured(f"The notification kind {code!r} cannot default to a digest.")
    _KINDS[code] = kind
    return kind


def register_kinds(choices: type[TextChoices], *, not_digestible: Iterable[str] = ()) -> None:
    """Register every member of an app's TextChoices of kinds (codes and labels)."""
    held_back = set(not_digestible)
    for member in choices:
        register_kind(member.value, member.label, digestible=member.value not in held_back)


def registered_kind(code: str) -> RegisteredKind:
    try:
        return _KINDS[code]
    except KeyError:
        raise LookupError(f"No notification kind is registered as {code!r}.") from None


def kind_label(code: str) -> str:
    """The kind's label in the active language; its code for a kind no app registers any more."""
    known = _KINDS.get(code)
    return str(known.label) if known is not None else code


def registered_kinds() -> list[RegisteredKind]:
    """In registration order (apps in INSTALLED_APPS order, kinds in declaration order)."""
    return list(_KINDS.values())
