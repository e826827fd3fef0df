"""A listing on paper and in a phone: a one-page PDF with embedded fonts, and a QR code.

The PDF embeds a subset of a CJK font so Chinese renders on any reader's machine, with a
Latin font first (Noto Sans CJK lacks some Hungarian letters such as ű).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO

import segno
from django.core.cache import cache as django_cache
from django.db.models import TextChoices
from django.utils.formats import date_format, number_format
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from techbridge.common.countries import country_name
from techbridge.common.multilingual import localize
from techbridge.common.pdf import new_pdf, write_block
from techbridge.market.enums import (
    DevelopmentStage,
    InvestmentStage,
    IprStatus,
    ListingKind,
    ListingStatus,
    PartnershipType,
    PriceTerms,
    ServiceKind,
)
from techbridge.market.models import Listing

PDF_CACHE_SECONDS = 24 * 3600
MAX_DESCRIPTION_CHARS = 1500


@dataclass(frozen=True)
class PrintableListing:
    """Everything the PDF shows, already chosen for the reader (owner hidden when it must be)."""

    title: str
    kind: str
    summary: str
    description: str
    facts: Sequence[tuple[str, str]]
    owner: str
    url: str
    footer: str


REFERENCE_PREFIX = {
    ListingKind.OFFER: "OF",
    ListingKind.DEMAND: "DE",
    ListingKind.RD_COOPERATION: "RD",
    ListingKind.CAPITAL: "CA",
    ListingKind.EXPERTISE: "EX",
    ListingKind.SERVICE: "SE",
}


def listing_reference(listing: Listing) -> str:
    """The number people quote on the phone and in e-mails: kind and id, e.g. TB-DE-000042."""
    return f"TB-{REFERENCE_PREFIX.get(ListingKind(listing.kind), 'XX')}-{listing.pk:06d}"


def _labels(values: Sequence[str], choices: type[TextChoices]) -> str:
    known = dict(choices.choices)
    return ", ".join(str(known.get(value, value)) for value in values)


def _label(value: str, choices: type[TextChoices]) -> str:
    return str(dict(choices.choices).get(value, value))


def _euros(low: int | None, high: int | None) -> str:
    return f"{number_format(low, force_grouping=True) if low is not None else '—'} – " + (
        number_format(high, force_grouping=True) if high is not None else "—"
    )


def listing_facts(listing: Listing, *, owner_visible: bool) -> list[tuple[str, str]]:
    """Every field the poster filled, labelled and formatted in the reader's language: the
    listing page and its PDF show the same list. The contact person only when the owner may
    be named."""
    facts: list[tuple[str, str]] = [
        (_("Reference number"), listing_reference(listing)),
        (_("Type"), _label(listing.kind, ListingKind)),
        (_("Status"), _label(listing.status, ListingStatus)),
        (_("Country"), country_name(listing.country)),
    ]
    optional: list[tuple[str, object]] = [
        (_("Centre"), localize(listing.centre.name) if listing.centre else ""),
        (_("Stage of development"), listing.stage and _label(listing.stage, DevelopmentStage)),
        (_("Technology readiness level (TRL)"), listing.trl or ""),
        (_("IPR status"), listing.ipr_status and _label(listing.ipr_status, IprStatus)),
        (_("Patent numbers"), listing.patent_numbers),
        (_("Price or terms"), listing.price_terms and _label(listing.price_terms, PriceTerms)),
        (_("Budget (EUR)"), (listing.budget_min or listing.budget_max) and _euros(listing.budget_min, listing.budget_max)),
        (_("Deadline"), listing.deadline and date_format(listing.deadline)),
        (_("Funding programme"), listing.programme),
        (_("Call identifier"), listing.call_id),
        (_("Call deadline"), listing.call_deadline and date_format(listing.call_deadline)),
        (_("Project budget (EUR)"), listing.call_budget and number_format(listing.call_budget, force_grouping=True)),
        (_("Ticket size (EUR)"), (listing.ticket_min or listing.ticket_max) and _euros(listing.ticket_min, listing.ticket_max)),
        (_("Investment stages"), _labels(listing.investment_stages or [], InvestmentStage)),
        (_("Kind of service"), listing.service_kind and _label(listing.service_kind, ServiceKind)),
        (_("Partnership types sought"), _labels(listing.partnership_types or [], PartnershipType)),
        (_("Target countries"), ", ".join(country_name(code) for code in listing.target_countries or [])),
        (_("Target regions"), listing.target_regions),
        (_("Keywords"), ", ".join(listing.keywords or [])),
        (_("Technology fields"), ", ".join(str(localize(f.name)) for f in listing.technology_fields.all())),
        (_("Industries"), ", ".join(str(localize(i.name)) for i in listing.industries.all())),
        (_("Contact person"), listing.contact_person.full_name if owner_visible and listing.contact_person else ""),
    ]  # fmt: skip
    facts += [(label, str(value)) for label, value in optional if value]
    return facts


def qr_svg(url: str) -> str:
    """An SVG document with its namespace: drawn inline in a page and as an image file alike
    (segno's `svg_inline` leaves the namespace out, and an `<img>` then shows nothing)."""
    out = BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=4, dark="#1b2a41", xmldecl=False)
    return out.getvalue().decode()


def render_listing_pdf(listing: PrintableListing, *, cache_key: str) -> bytes:
    """One A4 page (longer texts are cut to fit); cached, since embedding a CJK font takes a second."""
    cached = django_cache.get(cache_key)
    if isinstance(cached, bytes):
        return cached
    data = _render(listing)
    django_cache.set(cache_key, data, PDF_CACHE_SECONDS)
    return data


def _render(listing: PrintableListing) -> bytes:
    pdf = new_pdf()
    pdf.add_page()
    write_block(pdf, 9, listing.kind)
    write_block(pdf, 16, listing.title[:256], height=8)
    pdf.ln(2)
    write_block(pdf, 11, listing.summary[:500], height=6)
    pdf.ln(2)
    facts = "\n".join(f"{label}: {value}" for label, value in listing.facts)
    write_block(pdf, 9, f"{facts}\n{listing.owner}")
    pdf.ln(2)
    write_block(pdf, 10, strip_tags(listing.description)[:MAX_DESCRIPTION_CHARS])
    image = BytesIO()
    segno.make(listing.url, error="m").save(image, kind="png", scale=4)
    image.seek(0)
    pdf.image(image, x=165, y=250, w=30)
    pdf.set_y(255)
    pdf.set_font_size(8)
    pdf.multi_cell(140, 4, f"{listing.footer}\n{listing.url}")
    return bytes(pdf.output())
