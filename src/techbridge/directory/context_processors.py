from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from techbridge.directory.roles import is_operator


def roles(request: HttpRequest) -> dict[str, object]:
    """What the navigation needs to know about the user; evaluated only when a template asks."""
    return {"IS_OPERATOR": SimpleLazyObject(lambda: is_operator(request.user))}
