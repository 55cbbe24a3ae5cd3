from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = "Archive"

    def ready(self):
        from . import caching, editors, signals  # noqa: F401
        from .search import sqlite  # noqa: F401  (the FTS5 index, made after migrate)
