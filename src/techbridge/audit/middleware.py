"""Keeps the request being served for the audit receivers, and records exports of personal data."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse

from techbridge.audit.domain.recording import record, serving
from techbridge.audit.enums import AuditKind

# Pages whose answer is a file of other people's personal data (names, contacts, bookings).
PERSONAL_DATA_EXPORTS = frozenset(
    {
        "market:export",  # listings with their contact persons
        "events:badges_pdf",  # every participant's name and organisation
        "instruments:statement",  # an organisation's bookings, by user
        "instruments:booking_statement",
    }
)


class AuditContextMiddleware:
    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with serving(request):
            response: HttpResponse = self.get_response(request)
            match = request.resolver_match
            if match is not None and match.view_name in PERSONAL_DATA_EXPORTS and response.status_code == 200:
                record(
                    kind=AuditKind.PERSONAL_DATA_EXPORTED,
                    target=request.get_full_path()[:200],
                    details={"export": match.view_name},
                    request=request,
                )
        return response
