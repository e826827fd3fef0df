from django.db import migrations

OPERATOR_PERMISSIONS = {
    "organisation": ("view", "change"),
    "membership": ("view", "add", "change", "delete"),
    "person": ("view", "add", "change"),
    "expertprofile": ("view", "add", "change"),
    "centre": ("view",),
    "branch": ("view",),
    "technologyfield": ("view",),
    "industry": ("view",),
}


def create_group(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    group, _created = group_model.objects.get_or_create(name="Centre operators")
    codenames = [f"{action}_{model}" for model, actions in OPERATOR_PERMISSIONS.items() for action in actions]
    group.permissions.set(permission_model.objects.filter(content_type__app_label="directory", codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_load_taxonomies"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(create_group, migrations.RunPython.noop)]
