"""The endpoints partners call: every one but the actor document needs a valid partner signature.

Thin: verify the signature (domain/signing) → one domain call → JSON. Refusals answer
{"error": reason} with 400/401/403/422/429 and are logged with the partner's error count raised.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from techbridge.federation.domain.errors import FederationRefusedError, logger
from techbridge.federation.domain.interests import interest_status, receive_interest
from techbridge.federation.domain.keys import local_key, own_base_url, own_name
from techbridge.federation.domain.partners import complete_handshake, handshake_payload
from techbridge.federation.domain.publishing import feed_page
from techbridge.federation.domain.signing import CONTENT_TYPE, verify_partner_request, verify_signature
from techbridge.federation.models import Partner
from techbridge_core.federation.activity import CONTEXT
from techbridge_core.federation.paging import PageWindow, PagingError, clamp_limit, decode_cursor

MAX_BODY_BYTES = 64 * 1024

type SignedView = Callable[..., HttpResponse]


def _json(document: Any, status: int = 200) -> JsonResponse:
    response = JsonResponse(document, status=status, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = CONTENT_TYPE
    response["Cache-Control"] = "no-store"
    return response


def _refused(error: FederationRefusedError) -> JsonResponse:
    logger.warning("federation: refused %s: %s", error.status, error.reason)
    return JsonResponse({"error": error.reason}, status=error.status)


def signed(view: SignedView) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        length = str(request.META.get("CONTENT_LENGTH") or "0")
        if not length.isdigit() or int(length) > MAX_BODY_BYTES:
            return JsonResponse({"error": "body too large or of unknown length"}, status=413)
        try:
            partner = verify_partner_request(request)
            return view(request, partner, *args, **kwargs)
        except FederationRefusedError as error:
            return _refused(error)

    return csrf_exempt(wrapper)


@csrf_exempt  # no session here: any other method answers 405, not the CSRF refusal
@require_GET
def actor(request: HttpRequest) -> HttpResponse:
    """This installation's public description: address, name and public key (no signature needed)."""
    base = own_base_url()
    return _json(
        {
            "@context": CONTEXT,
            "id": base,
            "type": "Application",
            "name": own_name(),
            "outbox": f"{base}/federation/outbox/",
            "inbox": f"{base}/federation/inbox/",
            "publicKeyPem": local_key().public_key_pem,
        }
    )


@require_GET
@signed
def outbox(request: HttpRequest, partner: Partner) -> HttpResponse:
    try:
        window = PageWindow(
            after=decode_cursor(request.GET.get("cursor")), limit=clamp_limit(request.GET.get("limit"))
        )
    except PagingError as error:
        return JsonResponse({"error": str(error)}, status=400)
    since = None
    if raw := request.GET.get("modified_since"):
        since = parse_datetime(raw)
        if since is None:
            return JsonResponse({"error": "modified_since: not an ISO 8601 time"}, status=400)
        if timezone.is_naive(since):
            since = timezone.make_aware(since, UTC)
    return _json(feed_page(window=window, modified_since=since, now=timezone.now()))


@require_POST
@signed
def inbox(request: HttpRequest, partner: Partner) -> HttpResponse:
    interest, created = receive_interest(partner=partner, body=request.body, now=timezone.now())
    return _json({"id": str(interest.public_id), "status": interest.status}, status=201 if created else 200)


@require_GET
@signed
def interest(request: HttpRequest, partner: Partner, remote_uuid: str) -> HttpResponse:
    """The status of an interest this partner sent (the path takes any text: a non-UUID answers
    the protocol's JSON 404, after the signature check, not the HTML page of an unknown address)."""
    try:
        known = uuid.UUID(remote_uuid)
    except ValueError:
        known = None
    status = interest_status(partner=partner, remote_uuid=known) if known is not None else None
    if status is None:
        return JsonResponse({"error": "unknown interest"}, status=404)
    return _json({"id": str(known), "status": status})


@csrf_exempt
@require_POST
def handshake(request: HttpRequest) -> HttpResponse:
    """An invited installation introduces itself: token, address, name, key; signed with that key."""
    if len(request.body) > MAX_BODY_BYTES:
        return JsonResponse({"error": "body too large"}, status=413)
    try:
        payload = handshake_payload(request.body)
        _partner, key_id = verify_signature(request, public_key_pem=payload["publicKeyPem"])
        partner = complete_handshake(payload=payload, key_id=key_id, now=timezone.now())
    except FederationRefusedError as error:
        return _refused(error)
    except ValueError as error:
        return JsonResponse({"error": str(error)[:200]}, status=400)
    return _json({"id": own_base_url(), "name": own_name(), "partner": partner.url}, status=201)
