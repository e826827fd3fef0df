"""Work of the background jobs that needs the access funnel (tasks.py sits below it in the floors,
so its jobs reach these functions by dotted path).

Saved-search alerts run every search AS the saving user through `find_listings`: an alert never
mails what that user may not see.
"""

from __future__ import annotations

from datetime import datetime

from techbridge.market.access import find_listings
from techbridge.market.domain.alerts import do_send_alert, filters_from_json, is_due, new_matches
from techbridge.market.models import SavedSearch


def send_saved_search_alerts(*, frequency: str, now: datetime) -> int:
    """Mail the new matches of every due saved search of that frequency; returns listings mailed."""
    mailed = 0
    searches = SavedSearch.objects.filter(frequency=frequency, user__is_active=True).select_related("user")
    for saved_search in searches.order_by("id").iterator(chunk_size=200):
        if not is_due(saved_search, now=now):
            continue
        matches = find_listings(saved_search.user, filters_from_json(saved_search.filters))
        mailed += do_send_alert(
            saved_search=saved_search, listings=new_matches(saved_search, matches), now=now
        )
    return mailed
