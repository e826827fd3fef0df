"""API authentication: bearer tokens for machine clients, the session (with CSRF) for browsers.

django-ninja skips Django's CSRF middleware, so every cookie-based scheme here must check
CSRF itself (ninja's SessionAuth does); reads may also be anonymous.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from techbridge.accounts.domain.tokens import user_for_token
from techbridge.accounts.models import User


class ApiTokenAuth(HttpBearer):
    openapi_scheme = "bearer"

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        return user_for_token(token)


class ReadAuth(ApiTokenAuth):
    """For safe methods: a valid token, else the session user, else the anonymous visitor.

    A request that sends an Authorization header with a bad token is refused (401) rather than
    silently downgraded to anonymous, so clients notice revoked tokens.
    """

    def __call__(self, request: HttpRequest) -> Any:
        if request.headers.get("Authorization"):
            return super().__call__(request)
        return request.user if request.user.is_authenticated else AnonymousUser()


# In the OpenAPI document, reads accept no credentials at all ({}), or a bearer token.
READ_OPENAPI: dict[str, object] = {"security": [{}, {"ReadAuth": []}]}

TOKEN = ApiTokenAuth()
SESSION = SessionAuth(csrf=True)
READ = [ReadAuth()]
WRITE = [TOKEN, SESSION]
