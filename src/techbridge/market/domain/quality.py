"""Quality checks for the broker's review queue: rows turned into the core's value objects."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.db.models import QuerySet
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from techbridge.market.enums import ListingStatus
from techbridge.market.models import Listing
from techbridge_core.market.duplicates import ListingDocument, ShingledDocument, near_duplicates, prepare
from techbridge_core.market.quality import ListingText, check_listing

ISSUE_LABELS = {
    "missing_field": _("Missing field"),
    "generic_title": _("Generic title"),
    "superlative": _("Marketing superlative"),
    "contact_details": _("Contact details in an anonymous listing"),
    "owner_named": _("Owner named in an anonymous listing"),
    "duplicate": _("Possible duplicate of listing"),
}
TEXT_FIELDS = ("title", "summary", "description", "advantages", "technical_specification")
DUPLICATE_POOL_SIZE = 400
FILLED_CHECKS = (
    "stage", "trl", "ipr_status", "technical_specification", "deadline", "programme", "call_id",
    "call_deadline", "ticket_max", "investment_stages", "service_kind", "advantages",
    "partnership_types", "title", "summary", "description",
)  # fmt: skip


@dataclass(frozen=True)
class ReviewIssue:
    code: str
    label: str
    field: str
    evidence: str
    field_label: str = ""  # the field's name in the reader's language
    duplicate_of: int | None = None  # the listing this one may copy, for a link


def field_label(name: str) -> str:
    """The verbose name of a listing field in the active language (the core names fields by attribute)."""
    try:
        field = Listing._meta.get_field(name) if name else None
    except FieldDoesNotExist:
        return name
    return str(getattr(field, "verbose_name", name))


def _filled(listing: Listing, technology_field_ids: Sequence[int]) -> frozenset[str]:
    filled = {name for name in FILLED_CHECKS if getattr(listing, name) not in (None, "", [], {})}
    if technology_field_ids:
        filled.add("technology_fields")
    return frozenset(filled)


def listing_text(listing: Listing, *, technology_field_ids: Sequence[int]) -> ListingText:
    texts = {
        name: tuple(strip_tags(text) for text in (getattr(listing, name) or {}).values() if text)
        for name in TEXT_FIELDS
    }
    organisation = listing.owner_organisation
    owner_names = (*organisation.name.values(), organisation.short_name)
    return ListingText(
        kind=listing.kind,
        texts=texts,
        filled=_filled(listing, technology_field_ids),
        anonymous=listing.anonymous,
        owner_names=tuple(name for name in owner_names if name),
    )


def duplicate_pool(listings: QuerySet[Listing], *, kinds: Iterable[str]) -> tuple[ShingledDocument, ...]:
    """Recent listings of the same kinds that a new one might copy (withdrawn and drafts aside)."""
    rows = (
        listings.filter(kind__in=set(kinds))
        .exclude(status__in=(ListingStatus.DRAFT, ListingStatus.WITHDRAWN, ListingStatus.REJECTED))
        .order_by("-id")
        .values_list("pk", "search_text")[:DUPLICATE_POOL_SIZE]
    )
    return prepare(ListingDocument(pk, text) for pk, text in rows)


def review_issues(listing: Listing, *, pool: Sequence[ShingledDocument]) -> list[ReviewIssue]:
    """Issues of one listing; its technology fields must be prefetched."""
    field_ids = [field.pk for field in listing.technology_fields.all()]
    issues = [
        ReviewIssue(
            issue.code, str(ISSUE_LABELS[issue.code]), issue.field, issue.evidence, field_label(issue.field)
        )
        for issue in check_listing(listing_text(listing, technology_field_ids=field_ids))
    ]
    candidate = ListingDocument(listing.pk, listing.search_text)
    issues += [
        ReviewIssue(
            "duplicate",
            str(ISSUE_LABELS["duplicate"]),
            "",
            f"#{hit.listing_id} ({hit.similarity:.0%})",
            duplicate_of=hit.listing_id,
        )
        for hit in near_duplicates(candidate, pool)
    ]
    return issues
