"""Saved searches: their filters as primitive JSON, the new matches of an alert, the widget token.

The search itself always runs through `market.access.find_listings` AS the saving user (the
alert job in `market.tasks` passes it in) or as an anonymous visitor (the public widget), never here.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import asdict, fields
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from techbridge.accounts.domain.language import reader_language
from techbridge.accounts.models import User
from techbridge.common.multilingual import localize
from techbridge.market.domain.search import ListingFilters
from techbridge.market.models import AlertDelivery, AlertFrequency, Listing, SavedSearch
from techbridge.notifications.domain.unsubscribe import signed_token, token_value, unsubscribe_headers

ALERT_SIZE = 50
PERIODS = {AlertFrequency.DAILY: timedelta(days=1), AlertFrequency.WEEKLY: timedelta(days=7)}
_TUPLES = {"kinds", "field_ids", "industry_ids", "statuses"}
_UNSUBSCRIBE_SALT = "techbridge.market.alert-unsubscribe"


def filters_to_json(filters: ListingFilters) -> dict[str, Any]:
    data = asdict(filters)
    data.pop("modified_since", None)
    return {key: list(value) if isinstance(value, tuple) else value for key, value in data.items()}


def filters_from_json(data: dict[str, Any]) -> ListingFilters:
    known = {item.name for item in fields(ListingFilters)} - {"modified_since"}
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key in known:
            values[key] = tuple(value) if key in _TUPLES and isinstance(value, list) else value
    try:
        return ListingFilters(**values)
    except TypeError:
        return ListingFilters()


def do_save_search(*, user: User, name: str, filters: ListingFilters, frequency: str) -> SavedSearch:
    return SavedSearch.objects.create(
        user=user,
        name=name[:100],
        filters=filters_to_json(filters),
        frequency=frequency,
        widget_token=secrets.token_urlsafe(32),
    )


def unsubscribe_url(saved_search: SavedSearch) -> str:
    """A link that stops this alert without logging in: the signed id is the credential, so it works
    from any mail client (and for RFC 8058 one-click unsubscription)."""
    token = signed_token(saved_search.pk, salt=_UNSUBSCRIBE_SALT)
    return settings.SITE_URL.rstrip("/") + reverse("market:alert_unsubscribe", args=[token])


def saved_search_from_unsubscribe_token(token: str) -> SavedSearch | None:
    pk = token_value(token, salt=_UNSUBSCRIBE_SALT)
    return SavedSearch.objects.filter(pk=pk).select_related("user").first() if isinstance(pk, int) else None


def do_stop_alerts(*, saved_search: SavedSearch) -> None:
    saved_search.frequency = AlertFrequency.NEVER
    saved_search.save(update_fields=["frequency"])


def is_due(saved_search: SavedSearch, *, now: datetime) -> bool:
    if saved_search.last_alert_at is None:
        return True
    period = PERIODS.get(AlertFrequency(saved_search.frequency), timedelta(days=7))
    return saved_search.last_alert_at + period - timedelta(hours=1) <= now


def new_matches(saved_search: SavedSearch, matches: QuerySet[Listing]) -> list[Listing]:
    """Matching listings not yet mailed for this saved search (newest first, at most ALERT_SIZE)."""
    sent = AlertDelivery.objects.filter(saved_search=saved_search).values("listing_id")
    return list(matches.exclude(pk__in=sent).order_by("-published_at", "-id")[:ALERT_SIZE])


def _body(saved_search: SavedSearch, listings: list[Listing]) -> str:
    site = settings.SITE_URL.rstrip("/")
    lines = [
        _("New listings matching your saved search “%(name)s”:") % {"name": saved_search.name},
        "",
    ]
    for listing in listings:
        lines.append(f"- {localize(listing.title)!s}")
        lines.append(f"  {site}{reverse('market:listing', args=[listing.pk])}")
    lines += [
        "",
        _("Manage your saved searches: %(url)s") % {"url": site + reverse("market:saved_searches")},
        _("Stop these e-mails: %(url)s") % {"url": unsubscribe_url(saved_search)},
    ]
    return "\n".join(lines)


def do_send_alert(*, saved_search: SavedSearch, listings: list[Listing], now: datetime) -> int:
    """Record the deliveries and mail in one transaction: a failed mail rolls the record back (retried
    next run), and the unique constraint makes a concurrent or repeated run a no-op."""
    if not listings:
        SavedSearch.objects.filter(pk=saved_search.pk).update(last_alert_at=now)
        return 0
    user = saved_search.user
    with translation.override(reader_language(user)):
        subject = _("%(count)d new listings: %(name)s") % {"count": len(listings), "name": saved_search.name}
        body = _body(saved_search, listings)
    try:
        with transaction.atomic():
            AlertDelivery.objects.bulk_create(
                [
                    AlertDelivery(saved_search=saved_search, listing=listing, sent_at=now)
                    for listing in listings
                ]
            )
            SavedSearch.objects.filter(pk=saved_search.pk).update(last_alert_at=now)
            _alert_message(saved_search, subject, body).send()
    except IntegrityError:
        return 0  # another run delivered them concurrently
    return len(listings)


def _alert_message(saved_search: SavedSearch, subject: str, body: str) -> EmailMessage:
    return EmailMessage(
        subject,
        body,
        None,
        [saved_search.user.email],
        headers=unsubscribe_headers(unsubscribe_url(saved_search)),
    )


def send_due_alerts(
    *, frequency: str, now: datetime, visible_matches: Callable[[User, ListingFilters], QuerySet[Listing]]
) -> int:
    """Mail the new matches of every due saved search of that frequency; returns listings mailed.

    `visible_matches` is the access funnel's search (`market.access.find_listings`), run AS the
    saving user: an alert never mails what that user may not see.
    """
    mailed = 0
    searches = SavedSearch.objects.filter(frequency=frequency, user__is_active=True).select_related("user")
    for saved_search in searches.order_by("id").iterator(chunk_size=200):
        if not is_due(saved_search, now=now):
            continue
        matches = visible_matches(saved_search.user, filters_from_json(saved_search.filters))
        mailed += do_send_alert(
            saved_search=saved_search, listings=new_matches(saved_search, matches), now=now
        )
    return mailed
