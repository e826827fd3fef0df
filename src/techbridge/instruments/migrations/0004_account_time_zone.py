"""A user's display zone moves from their calendar settings to their account (one setting for every
page, notification and e-mail); a zone chosen here is kept there."""

from django.db import migrations


def copy_to_accounts(apps, schema_editor):  # type: ignore[no-untyped-def]
    CalendarSettings = apps.get_model("instruments", "CalendarSettings")
    User = apps.get_model("accounts", "User")
    for row in CalendarSettings.objects.exclude(time_zone__in=("", "UTC")).only("user_id", "time_zone"):
        User.objects.filter(pk=row.user_id, time_zone="").update(time_zone=row.time_zone)


def copy_back(apps, schema_editor):  # type: ignore[no-untyped-def]
    CalendarSettings = apps.get_model("instruments", "CalendarSettings")
    for row in CalendarSettings.objects.select_related("user"):
        if row.user.time_zone:
            row.time_zone = row.user.time_zone
            row.save(update_fields=["time_zone"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_user_time_zone"),
        ("instruments", "0003_load_categories"),
    ]

    operations = [
        migrations.RunPython(copy_to_accounts, copy_back),
        migrations.RemoveField(model_name="calendarsettings", name="time_zone"),
    ]
