"""The database cache's tables, made by every ``migrate``.

Without Redis, pages and the generation live in a table of the database, and
rate-limit counters always do (briefings/settings.py, CACHES): ``migrate``
makes whichever of those tables is missing, as Django's ``createcachetable``
would, so a fresh database needs no extra step.
"""

from django.core.management import call_command
from django.db.models.signals import post_migrate
from django.dispatch import receiver


@receiver(post_migrate, dispatch_uid="archive.web.caches.tables")
def cache_tables_after_migrate(sender, using="default", **kwargs):
    if sender.name == "archive":
        call_command("createcachetable", database=using, verbosity=0)
