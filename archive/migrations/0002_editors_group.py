from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Editors"
# What an editor may do, model by model.
PERMISSIONS = {
    ("archive", "post"): ["view", "add", "change", "delete"],
    ("archive", "category"): ["view", "add", "change", "delete"],
    ("archive", "outlet"): ["view", "add", "change"],
    ("archive", "source"): ["view", "add", "change", "delete"],
    ("archive", "comment"): ["view", "change", "delete"],
    ("archive", "listing"): ["view"],
    ("reversion", "revision"): ["view"],
    ("reversion", "version"): ["view"],
}


def create_editors_group(apps, schema_editor):
    # Permissions are normally created after all migrations; editors need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    codenames = [
        (app, f"{action}_{model}") for (app, model), actions in PERMISSIONS.items() for action in actions
    ]
    permissions = [
        Permission.objects.get(content_type__app_label=app, codename=codename) for app, codename in codenames
    ]
    group.permissions.set(permissions)


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]
