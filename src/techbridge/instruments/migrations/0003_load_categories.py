from django.db import migrations


def load(apps, schema_editor):
    from techbridge.instruments.domain.taxonomy import load_categories

    load_categories(apps.get_model("instruments", "InstrumentCategory"))


class Migration(migrations.Migration):
    dependencies = [("instruments", "0002_booking_guards")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
