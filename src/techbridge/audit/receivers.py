"""Signal handlers that record audit events. Models of higher apps (directory, market) are named
by their "app_label.Model" string, so this low app never imports them."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_delete, post_init, post_save
from django.dispatch import receiver
from django.http import HttpRequest

from techbridge.accounts.domain.throttle import throttle_engaged
from techbridge.accounts.models import ApiToken, User
from techbridge.audit.domain.recording import record
from techbridge.audit.enums import AuditKind

ROLE_MODELS = {"directory.Membership": "organisation_id", "directory.CentreOperator": "centre_id"}
LISTING_MODEL = "market.Listing"
_ORIGINAL = "_audit_original"


@receiver(user_logged_in)
def signed_in(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    record(kind=AuditKind.SIGN_IN, actor=user, request=request)


@receiver(user_logged_out)
def signed_out(sender: Any, request: HttpRequest, user: User | None, **kwargs: Any) -> None:
    if user is not None:
        record(kind=AuditKind.SIGN_OUT, actor=user, request=request)


@receiver(user_login_failed)
def sign_in_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    # Only the address tried: Django has already masked the password, and it is never stored.
    tried = str(credentials.get("username") or credentials.get("email") or "")
    record(kind=AuditKind.SIGN_IN_FAILED, actor_label=tried.lower(), request=request)


@receiver(throttle_engaged)
def locked_out(sender: Any, scope: str, value: str, request: Any = None, **kwargs: Any) -> None:
    label = value if scope.endswith(".account") else ""
    record(kind=AuditKind.LOCKOUT, actor_label=label, details={"scope": scope}, request=request)


@receiver(post_save, sender=ApiToken)
def token_saved(
    sender: Any, instance: ApiToken, created: bool, update_fields: Any = None, **kwargs: Any
) -> None:
    target = f"API token {instance.prefix}… ({instance.name})"
    if created:
        record(kind=AuditKind.TOKEN_CREATED, target=target, details={"owner": instance.user.email})
    elif instance.revoked_at is not None and (update_fields is None or "revoked_at" in update_fields):
        record(kind=AuditKind.TOKEN_REVOKED, target=target, details={"owner": instance.user.email})


def _role_details(instance: Any, scope_field: str) -> dict[str, Any]:
    return {"user": instance.user.email, scope_field: getattr(instance, scope_field), "role": instance.role}


def _connect_role_model(model: str, scope_field: str) -> None:
    def saved(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
        kind = AuditKind.ROLE_GRANTED if created else AuditKind.ROLE_CHANGED
        record(kind=kind, target=f"{model} {instance.pk}", details=_role_details(instance, scope_field))

    def deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
        record(
            kind=AuditKind.ROLE_REVOKED,
            target=f"{model} {instance.pk}",
            details=_role_details(instance, scope_field),
        )

    post_save.connect(saved, sender=model, weak=False, dispatch_uid=f"audit-saved-{model}")
    post_delete.connect(deleted, sender=model, weak=False, dispatch_uid=f"audit-deleted-{model}")


for _model, _scope_field in ROLE_MODELS.items():
    _connect_role_model(_model, _scope_field)


def _remember(instance: Any, fields: tuple[str, ...]) -> None:
    # Read from __dict__: a deferred field must not cost a query just to be remembered.
    setattr(instance, _ORIGINAL, tuple(instance.__dict__.get(field) for field in fields))


ADMIN_FIELDS = ("is_superuser", "is_staff")
VISIBILITY_FIELDS = ("visibility", "anonymous")


@receiver(post_init, sender=User)
def user_loaded(sender: Any, instance: User, **kwargs: Any) -> None:
    _remember(instance, ADMIN_FIELDS if instance.pk else ())


@receiver(post_save, sender=User)
def user_saved(sender: Any, instance: User, created: bool, **kwargs: Any) -> None:
    before = getattr(instance, _ORIGINAL, ())
    after = (instance.is_superuser, instance.is_staff)
    if (created and instance.is_superuser) or (before and None not in before and before != after):
        details = {
            "user": instance.email,
            "is_superuser": instance.is_superuser,
            "is_staff": instance.is_staff,
        }
        record(kind=AuditKind.SUPERUSER_CHANGED, target=f"user {instance.pk}", details=details)
    _remember(instance, ADMIN_FIELDS)


def listing_loaded(sender: Any, instance: Any, **kwargs: Any) -> None:
    _remember(instance, VISIBILITY_FIELDS if instance.pk else ())


def listing_saved(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    before = getattr(instance, _ORIGINAL, ())
    after = (instance.visibility, instance.anonymous)
    if not created and before and None not in before and before != after:
        details = {
            "from": dict(zip(VISIBILITY_FIELDS, before, strict=True)),
            "to": dict(zip(VISIBILITY_FIELDS, after, strict=True)),
        }
        record(kind=AuditKind.LISTING_VISIBILITY_CHANGED, target=f"listing {instance.pk}", details=details)
    _remember(instance, VISIBILITY_FIELDS)


post_init.connect(listing_loaded, sender=LISTING_MODEL, weak=False, dispatch_uid="audit-listing-loaded")
post_save.connect(listing_saved, sender=LISTING_MODEL, weak=False, dispatch_uid="audit-listing-saved")
