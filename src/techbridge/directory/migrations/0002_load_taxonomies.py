from django.db import migrations


def load(apps, schema_editor):
    from techbridge.directory.domain.taxonomy import load_taxonomies

    load_taxonomies(apps.get_model("directory", "TechnologyField"), apps.get_model("directory", "Industry"))


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
