"""The notifications moved to their own app: copy every row (same ids) into notifications, then drop
the market's table. Reversible: going back copies the rows home again."""

from django.core.management.color import no_style
from django.db import migrations

_FIELDS = ("id", "recipient_id", "kind", "subject", "body", "url", "created_at", "read_at")
_BATCH = 2000


def _copy(source, target, schema_editor, **extra):
    rows = source.objects.using(schema_editor.connection.alias).order_by("pk")
    batch = []
    for row in rows.values(*_FIELDS).iterator(chunk_size=_BATCH):
        batch.append(target(**row, **extra))
        if len(batch) == _BATCH:
            target.objects.using(schema_editor.connection.alias).bulk_create(batch)
            batch = []
    target.objects.using(schema_editor.connection.alias).bulk_create(batch)
    # Rows inserted with their ids leave PostgreSQL's id sequence behind: move it past them.
    for sql in schema_editor.connection.ops.sequence_reset_sql(no_style(), [target]):
        schema_editor.execute(sql)


def to_notifications(apps, schema_editor):
    # Their e-mails went out through the old path already.
    _copy(
        apps.get_model("market", "Notification"),
        apps.get_model("notifications", "Notification"),
        schema_editor,
        email_state="sent",
    )


def to_market(apps, schema_editor):
    _copy(
        apps.get_model("notifications", "Notification"),
        apps.get_model("market", "Notification"),
        schema_editor,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("market", "0007_onboarding_contacts"),
        ("notifications", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(to_notifications, to_market),
        migrations.DeleteModel(name="Notification"),
    ]
