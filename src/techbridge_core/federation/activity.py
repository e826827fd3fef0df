"""ActivityStreams 2.0 objects of the federation feed, and the checks every incoming one passes.

An origin publishes listings (`Document`), events (`Event`) and instruments (`Service`-like
`Object`) with natural-language maps (`nameMap`, `summaryMap`, `contentMap`: one text per
language), plus a few `tb:` extension terms. A record that stopped being shared travels as a
`Tombstone` with the same id. Texts are plain text: markup in any of them refuses the whole page.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

AS_CONTEXT = "https://www.w3.org/ns/activitystreams"
TB_NAMESPACE = "https://techbridge.dev/ns/federation#"
CONTEXT: list[object] = [AS_CONTEXT, {"tb": TB_NAMESPACE}]
PUBLIC = "https://www.w3.org/ns/activitystreams#Public"

KINDS = ("listing", "event", "instrument")
AS_TYPES = {"listing": "Document", "event": "Event", "instrument": "Object"}
AUDIENCES = ("public", "alliance")

MAX_PAGE_ITEMS = 200
MAX_PAGE_BYTES = 2_000_000
MAX_TEXT = 8000
MAX_SHORT_TEXT = 500
MAX_LANGUAGES = 8
MAX_ATTRIBUTES = 40
_MARKUP = re.compile(r"<\s*[A-Za-z/!?]|javascript:|&lt;\s*script", re.IGNORECASE)
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
_SAFE_URL = re.compile(r"^https?://[^\s<>\"']{1,490}$")


class RefusalError(ValueError):
    """Content a partner sent that we do not take: `reason` is logged and counted."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class RemoteObject:
    """One checked object of a partner's page, ready to be stored."""

    kind: str
    remote_id: str
    version: int
    deleted: bool
    audience: str = "public"
    name: Mapping[str, str] = field(default_factory=dict)
    summary: Mapping[str, str] = field(default_factory=dict)
    content: Mapping[str, str] = field(default_factory=dict)
    url: str = ""
    centre: str = ""
    attributed_to: str = ""
    updated: str = ""
    attributes: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Page:
    items: tuple[RemoteObject, ...]
    next_cursor: str | None
    has_more: bool = False


def object_id(base_url: str, kind: str, pk: int) -> str:
    return f"{base_url}/federation/objects/{kind}/{pk}"


def as_object(
    *,
    base_url: str,
    kind: str,
    pk: int,
    version: int,
    audience: str,
    name: Mapping[str, str],
    summary: Mapping[str, str],
    content: Mapping[str, str],
    url: str,
    centre: str,
    attributed_to: str,
    updated: str,
    attributes: Mapping[str, Any],
) -> dict[str, Any]:
    """The AS2 object of one shared record (without @context: the page carries it)."""
    if kind not in KINDS:
        raise ValueError(kind)
    if audience not in AUDIENCES:
        raise ValueError(audience)
    return {
        "id": object_id(base_url, kind, pk),
        "type": AS_TYPES[kind],
        "tb:recordType": kind,
        "tb:version": version,
        "tb:audience": audience,
        "to": [PUBLIC] if audience == "public" else [f"{base_url}/federation/alliance"],
        "nameMap": dict(name),
        "summaryMap": dict(summary),
        "contentMap": dict(content),
        "url": url,
        "tb:centre": centre,
        "attributedTo": attributed_to,
        "updated": updated,
        "tb:attributes": dict(attributes),
    }


def tombstone(*, base_url: str, kind: str, pk: int, version: int, deleted: str) -> dict[str, Any]:
    return {
        "id": object_id(base_url, kind, pk),
        "type": "Tombstone",
        "formerType": AS_TYPES[kind],
        "tb:recordType": kind,
        "tb:version": version,
        "deleted": deleted,
    }


def collection_page(
    *,
    page_id: str,
    collection_id: str,
    items: Sequence[Mapping[str, Any]],
    next_url: str | None,
    next_cursor: str | None,
    has_more: bool,
) -> dict[str, Any]:
    page: dict[str, Any] = {
        "@context": CONTEXT,
        "id": page_id,
        "type": "OrderedCollectionPage",
        "partOf": collection_id,
        "orderedItems": list(items),
        "tb:nextCursor": next_cursor,
        "tb:hasMore": has_more,
    }
    if next_url is not None:
        page["next"] = next_url
    return page


def _text(value: object, *, where: str, limit: int) -> str:
    if not isinstance(value, str):
        raise RefusalError(f"{where}: not a text")
    if len(value) > limit:
        raise RefusalError(f"{where}: longer than {limit} characters")
    if _MARKUP.search(value):
        raise RefusalError(f"{where}: contains markup or script")
    return value


def _language_map(value: object, *, where: str, limit: int) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise RefusalError(f"{where}: not a language map")
    if len(value) > MAX_LANGUAGES:
        raise RefusalError(f"{where}: too many languages")
    texts: dict[str, str] = {}
    for language, text in value.items():
        if not isinstance(language, str) or not _LANGUAGE.match(language):
            raise RefusalError(f"{where}: bad language code")
        texts[language] = _text(text, where=f"{where}.{language}", limit=limit)
    return texts


def _url(value: object, *, where: str) -> str:
    if value in (None, ""):
        return ""
    if not isinstance(value, str) or not _SAFE_URL.match(value):
        raise RefusalError(f"{where}: not an http(s) address")
    return value


def _attributes(value: object) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict) or len(value) > MAX_ATTRIBUTES:
        raise RefusalError("tb:attributes: not a small object")
    clean: dict[str, Any] = {}
    for key, item in value.items():
        where = f"tb:attributes.{key}"
        if not isinstance(key, str) or len(key) > 40:
            raise RefusalError("tb:attributes: bad key")
        if isinstance(item, bool) or item is None or isinstance(item, int):
            clean[key] = item
        elif isinstance(item, str):
            clean[key] = (
                _url(item, where=where)
                if key.endswith("Url")
                else _text(item, where=where, limit=MAX_SHORT_TEXT)
            )
        elif isinstance(item, list) and len(item) <= 50:
            clean[key] = [_text(part, where=where, limit=200) for part in item]
        else:
            raise RefusalError(f"{where}: unsupported value")
    return clean


def parse_object(data: object, *, origin: str) -> RemoteObject:
    """Check one item of a partner's page; its id must lie under the partner's own address."""
    if not isinstance(data, dict):
        raise RefusalError("item is not an object")
    remote_id = data.get("id")
    if not isinstance(remote_id, str) or len(remote_id) > 500:
        raise RefusalError("item without id")
    kind = data.get("tb:recordType")
    if not isinstance(kind, str) or kind not in KINDS:
        raise RefusalError(f"{remote_id[:120]}: unknown record type")
    if not remote_id.startswith(f"{origin}/federation/objects/{kind}/"):
        raise RefusalError(f"{remote_id[:120]}: claims another origin than {origin}")
    version = data.get("tb:version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise RefusalError(f"{remote_id[:120]}: bad version")
    as_type = data.get("type")
    if as_type == "Tombstone":
        return RemoteObject(kind=kind, remote_id=remote_id, version=version, deleted=True)
    if as_type != AS_TYPES[kind]:
        raise RefusalError(f"{remote_id[:120]}: type {str(as_type)[:20]!r} does not fit {kind}")
    audience = data.get("tb:audience")
    if not isinstance(audience, str) or audience not in AUDIENCES:
        raise RefusalError(f"{remote_id[:120]}: unknown audience")
    name = _language_map(data.get("nameMap"), where="nameMap", limit=MAX_SHORT_TEXT)
    if not name:
        raise RefusalError(f"{remote_id[:120]}: no name")
    return RemoteObject(
        kind=kind,
        remote_id=remote_id,
        version=version,
        deleted=False,
        audience=audience,
        name=name,
        summary=_language_map(data.get("summaryMap"), where="summaryMap", limit=MAX_TEXT),
        content=_language_map(data.get("contentMap"), where="contentMap", limit=MAX_TEXT),
        url=_url(data.get("url"), where="url"),
        centre=_text(data.get("tb:centre", ""), where="tb:centre", limit=200),
        attributed_to=_text(data.get("attributedTo", ""), where="attributedTo", limit=300),
        updated=_text(data.get("updated", ""), where="updated", limit=40),
        attributes=_attributes(data.get("tb:attributes")),
    )


def parse_page(data: object, *, origin: str, max_items: int = MAX_PAGE_ITEMS) -> Page:
    """Every item of a page, or a RefusalError naming the first problem (nothing of the page is kept)."""
    if not isinstance(data, dict):
        raise RefusalError("page is not a JSON object")
    if data.get("type") != "OrderedCollectionPage":
        raise RefusalError("not an OrderedCollectionPage")
    items = data.get("orderedItems")
    if not isinstance(items, list):
        raise RefusalError("page without orderedItems")
    if len(items) > max_items:
        raise RefusalError(f"page too large: {len(items)} items (at most {max_items})")
    next_cursor = data.get("tb:nextCursor")
    if next_cursor is not None and (not isinstance(next_cursor, str) or len(next_cursor) > 40):
        raise RefusalError("bad next cursor")
    parsed = tuple(parse_object(item, origin=origin) for item in items)
    seen: set[str] = set()
    for item in parsed:
        if item.remote_id in seen:
            raise RefusalError(f"{item.remote_id[:120]}: twice in one page")
        seen.add(item.remote_id)
    has_more = data.get("tb:hasMore", False)
    if not isinstance(has_more, bool):
        raise RefusalError("bad tb:hasMore")
    return Page(items=parsed, next_cursor=next_cursor, has_more=has_more)


def search_text(item: RemoteObject) -> str:
    """Lower-cased words of every language, for the alliance search."""
    parts: list[str] = []
    for texts in (item.name, item.summary, item.content):
        parts.extend(texts.values())
    parts.append(item.centre)
    keywords = item.attributes.get("keywords")
    if isinstance(keywords, list):
        parts.extend(str(word) for word in keywords)
    return " ".join(parts).lower()[:20000]
