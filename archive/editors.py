"""The Editors group: exactly the permissions an editor of the archive needs.

A migration creates it; it is checked again after every ``migrate`` (and
``flush``), so that it always holds exactly these permissions.
"""

from django.apps import apps as global_apps
from django.db.models.signals import post_migrate
from django.dispatch import receiver

GROUP = "Editors"
PERMISSIONS = {
    ("archive", "post"): ["view", "add", "change", "delete"],
    ("archive", "category"): ["view", "add", "change", "delete"],
    ("archive", "tag"): ["view", "add", "change", "delete"],
    ("archive", "author"): ["view", "add", "change", "delete"],
    ("archive", "page"): ["view", "add", "change", "delete"],
    ("archive", "outlet"): ["view", "add", "change"],
    ("archive", "source"): ["view", "add", "change", "delete"],
    ("archive", "comment"): ["view", "change", "delete"],
    ("archive", "listing"): ["view"],
    ("archive", "oldpath"): ["view", "delete"],
    ("reversion", "revision"): ["view"],
    ("reversion", "version"): ["view"],
}


def sync_editors_group(apps=global_apps, using="default"):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    # An early migration's state may lack models made later: their permissions come after every migrate.
    wanted = [
        (app, f"{action}_{model}") for (app, model), actions in PERMISSIONS.items() for action in actions
        if _exists(apps, app, model)
    ]
    permissions = [
        Permission.objects.using(using).get(content_type__app_label=app, codename=codename)
        for app, codename in wanted
    ]
    group, _ = Group.objects.using(using).get_or_create(name=GROUP)
    group.permissions.set(permissions)


@receiver(post_migrate)
def editors_after_migrate(sender, using="default", apps=global_apps, **kwargs):
    # Runs after django.contrib.auth has created the permissions (it is installed first).
    if sender.name == "archive":
        sync_editors_group(apps, using)


def _exists(apps, app, model):
    try:
        apps.get_model(app, model)
    except LookupError:
        return False
    return True
