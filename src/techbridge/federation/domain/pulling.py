"""Taking in a partner's changes: page after page from its last cursor, each page in one transaction.

A page that is not JSON, too large, HTML, malformed, or holds a record claiming another origin is
refused whole: the reason is logged and the partner's error count raised, the cursor stays.
A version not newer than the stored one is a duplicate and changes nothing.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode

from django.db import transaction

from techbridge.federation.domain.errors import record_partner_error
from techbridge.federation.domain.signing import PartnerUnreachableError, signed_request
from techbridge.federation.enums import PartnerStatus
from techbridge.federation.models import Partner, RemoteRecord
from techbridge_core.federation.activity import (
    MAX_PAGE_BYTES,
    Page,
    RefusalError,
    RemoteObject,
    parse_page,
    search_text,
)

logger = logging.getLogger("techbridge.federation")
MAX_PAGES_PER_RUN = 50


@dataclass
class PullResult:
    pages: int = 0
    stored: int = 0
    withdrawn: int = 0
    duplicates: int = 0
    refused: str = ""


def _fetch_page(partner: Partner, cursor: str) -> Page:
    query = urlencode({"cursor": cursor}) if cursor else ""
    url = f"{partner.url}/federation/outbox/" + (f"?{query}" if query else "")
    answer = signed_request("GET", url)
    if answer.status != 200:
        raise RefusalError(f"answered {answer.status}")
    if len(answer.body) > MAX_PAGE_BYTES:
        raise RefusalError(f"page larger than {MAX_PAGE_BYTES} bytes")
    if "json" not in answer.content_type:
        raise RefusalError(f"not JSON but {answer.content_type[:60]!r}")
    try:
        data = json.loads(answer.body)
    except ValueError as error:
        raise RefusalError(f"malformed JSON: {error}"[:200]) from error
    return parse_page(data, origin=partner.url)


def _store(partner: Partner, item: RemoteObject, now: datetime, result: PullResult) -> None:
    record = RemoteRecord.objects.filter(partner=partner, remote_id=item.remote_id).first()
    if record is not None and record.version >= item.version:
        result.duplicates += 1
        return
    if item.deleted:
        if record is not None and not record.deleted:
            record.deleted, record.version, record.fetched_at = True, item.version, now
            record.save(update_fields=["deleted", "version", "fetched_at"])
            result.withdrawn += 1
        return
    values = {
        "kind": item.kind,
        "version": item.version,
        "deleted": False,
        "audience": item.audience,
        "title": dict(item.name),
        "summary": dict(item.summary),
        "content": dict(item.content),
        "url": item.url,
        "centre": item.centre,
        "attributed_to": item.attributed_to,
        "attributes": dict(item.attributes),
        "remote_updated": item.updated,
        "search_text": search_text(item),
        "fetched_at": now,
    }
    RemoteRecord.objects.update_or_create(
        partner=partner,
        remote_id=item.remote_id,
        defaults=values,
        create_defaults={**values, "first_seen_at": now},
    )
    result.stored += 1


def pull_partner(partner: Partner, *, now: datetime, max_pages: int = MAX_PAGES_PER_RUN) -> PullResult:
    """Pull every page the partner has after our cursor (at most `max_pages` in one run)."""
    result = PullResult()
    cursor = partner.cursor
    for _ in range(max_pages):
        try:
            page = _fetch_page(partner, cursor)
        except (RefusalError, PartnerUnreachableError) as error:
            result.refused = str(error)
            record_partner_error(partner, f"pull refused: {error}")
            return result
        with transaction.atomic():
            locked = Partner.objects.select_for_update().get(pk=partner.pk)
            if locked.cursor != cursor or locked.status != PartnerStatus.ACTIVE:
                return result  # another run went on from here, or the partner was paused meanwhile
            for item in page.items:
                _store(locked, item, now, result)
            locked.cursor = page.next_cursor or cursor
            locked.last_sync_at = now
            locked.save(update_fields=["cursor", "last_sync_at"])
        result.pages += 1
        if page.next_cursor in (None, cursor) or not page.has_more:
            break
        cursor = page.next_cursor
    partner.refresh_from_db()
    return result


def pull_all(*, now: datetime) -> dict[str, int]:
    totals = {"partners": 0, "stored": 0, "withdrawn": 0, "refused": 0}
    for partner in Partner.objects.filter(status=PartnerStatus.ACTIVE):
        result = pull_partner(partner, now=now)
        totals["partners"] += 1
        totals["stored"] += result.stored
        totals["withdrawn"] += result.withdrawn
        totals["refused"] += bool(result.refused)
    return totals
