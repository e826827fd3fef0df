"""The permission funnel of federation: who sees which remote record, and who runs the partners.

A remote record is shown while its partner is active and the origin has not withdrawn it; one the
origin shares with the alliance only is shown to members of an alliance here (people whose centre
belongs to one), operators and platform admins, never to anonymous visitors.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from techbridge.common.access import one_or_404
from techbridge.directory.roles import AnyUser, is_operator, is_platform_admin
from techbridge.federation.domain.alliance_search import AllianceHit, rank_alliance
from techbridge.federation.enums import Audience, OutboxStatus, PartnerStatus, RecordKind
from techbridge.federation.models import OutboxMessage, Partner, RemoteInterest, RemoteRecord
from techbridge.market.access import find_listings
from techbridge.market.domain.search import ListingFilters
from techbridge.market.roles import alliance_ids


def sees_alliance_records(user: AnyUser) -> bool:
    if not user.is_authenticated:
        return False
    return is_platform_admin(user) or is_operator(user) or bool(alliance_ids(user))


def visible_remote_records(user: AnyUser) -> QuerySet[RemoteRecord]:
    records = RemoteRecord.objects.filter(deleted=False, partner__status=PartnerStatus.ACTIVE)
    if not sees_alliance_records(user):
        records = records.filter(audience=Audience.PUBLIC)
    return records.select_related("partner")


def access_remote_record(user: AnyUser, pk: object) -> RemoteRecord:
    return one_or_404(visible_remote_records(user), pk=pk)


def search_remote_records(user: AnyUser, query: str, *, kind: str = "") -> QuerySet[RemoteRecord]:
    records = visible_remote_records(user)
    if kind in RecordKind.values:
        records = records.filter(kind=kind)
    for word in query.lower().split()[:8]:
        records = records.filter(search_text__contains=word)
    return records.order_by("-fetched_at", "-id")


def my_remote_interests(user: AnyUser, record: RemoteRecord) -> QuerySet[RemoteInterest]:
    if not user.is_authenticated:
        return RemoteInterest.objects.none()
    return RemoteInterest.objects.filter(record=record, sender=user)


def access_partners(user: AnyUser) -> QuerySet[Partner]:
    """Every partner, for platform admins only (404 for everyone else)."""
    if not is_platform_admin(user):
        raise Http404
    return Partner.objects.all()


def access_partner(user: AnyUser, pk: object) -> Partner:
    return one_or_404(access_partners(user), pk=pk)


def _count_per_partner(rows: QuerySet[Any]) -> Coalesce:
    """One correlated count per partner (two joined counts would multiply each other)."""
    counted = rows.filter(partner=OuterRef("pk")).order_by().values("partner").annotate(n=Count("pk"))
    return Coalesce(Subquery(counted.values("n")), 0)


def partners_with_counts(user: AnyUser) -> QuerySet[Partner]:
    """Every partner with its live records and its messages waiting in the outbox (platform admins)."""
    return access_partners(user).annotate(
        record_count=_count_per_partner(RemoteRecord.objects.filter(deleted=False)),
        outbox_waiting=_count_per_partner(OutboxMessage.objects.filter(status=OutboxStatus.PENDING)),
    )


def search_alliance(user: AnyUser, query: str, *, kind: str = "", limit: int = 30) -> list[AllianceHit]:
    """The "search the whole alliance" switch: the local listings `user` may see (the market's
    ranking) and the partners' records visible to them, ranked together in one list."""
    local: list[int] = []
    if kind in ("", RecordKind.LISTING) and query:
        local = list(find_listings(user, ListingFilters(q=query)).values_list("pk", flat=True)[:limit])
    visible = visible_remote_records(user)
    if kind in RecordKind.values:
        visible = visible.filter(kind=kind)
    lexical = list(search_remote_records(user, query, kind=kind).values_list("pk", flat=True)[:limit])
    neighbours_query = query if kind in ("", RecordKind.LISTING) else ""
    return rank_alliance(local=local, visible=visible, lexical=lexical, query=neighbours_query, limit=limit)
