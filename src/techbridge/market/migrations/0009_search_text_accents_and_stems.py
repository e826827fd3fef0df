"""Stored search text becomes accent-free with word stems (techbridge_core.text.substring), so
"akkumulator" finds "akkumulátorok". The old text is every language case-folded, which is exactly
what the new form is computed from."""

import uuid

from django.db import migrations

from techbridge_core.text.substring import substring_index_text

BATCH = 2000


def rewrite_search_text(apps, schema_editor):  # type: ignore[no-untyped-def]
    listing_model = apps.get_model("market", "Listing")
    search_revision = apps.get_model("market", "SearchRevision")
    last = 0
    while batch := list(
        listing_model.objects.filter(pk__gt=last).order_by("pk").only("pk", "search_text")[:BATCH]
    ):
        for listing in batch:
            listing.search_text = substring_index_text(listing.search_text)
        listing_model.objects.bulk_update(batch, ["search_text"])
        last = batch[-1].pk
    search_revision.objects.update(token=uuid.uuid4().hex)  # cached pages used the old text


class Migration(migrations.Migration):
    dependencies = [("market", "0008_notifications_moved")]

    operations = [migrations.RunPython(rewrite_search_text, migrations.RunPython.noop)]
