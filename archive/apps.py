from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = "Archive"

    def ready(self):
        # Receivers: derived data follows every change; the Editors group, the
        # cache tables and SQLite's FTS5 index are checked after every migrate;
        # deployment checks.
        from . import derived  # noqa: F401
        from .web import caches, checks  # noqa: F401
        from . import editors  # noqa: F401
        from .search import sqlite  # noqa: F401
