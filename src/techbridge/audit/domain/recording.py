"""Recording audit events. The request being served (kept by AuditContextMiddleware) supplies who
and from where when a model signal, which knows no request, records an event."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from techbridge.audit.enums import AuditKind
from techbridge.audit.models import AuditEvent
from techbridge.common.client import client_address, user_agent

_current_request: ContextVar[HttpRequest | None] = ContextVar("audit_request", default=None)


@contextmanager
def serving(request: HttpRequest) -> Iterator[None]:
    token = _current_request.set(request)
    try:
        yield
    finally:
        _current_request.reset(token)


def current_request() -> HttpRequest | None:
    return _current_request.get()


def _request_user(request: HttpRequest | None) -> Any:
    user = getattr(request, "user", None) if request is not None else None
    return user if user is not None and user.is_authenticated else None


def record(
    *,
    kind: AuditKind,
    actor: Any = None,
    actor_label: str = "",
    target: str = "",
    details: dict[str, Any] | None = None,
    request: HttpRequest | None = None,
) -> AuditEvent:
    """Add one event; who and from where default to the request being served."""
    request = request or current_request()
    actor = actor if actor is not None else _request_user(request)
    return AuditEvent.objects.create(
        kind=kind,
        actor=actor,
        actor_label=(actor_label or getattr(actor, "email", ""))[:254],
        target=target[:200],
        details=details or {},
        address=client_address(request),
        user_agent=user_agent(request),
        created_at=timezone.now(),
    )
