"""Export the whole archive to one file and restore it into an empty database.

The file is JSON Lines (one record a line, gzip-compressed when its name ends
in .gz), written by Django's own serialisers (with times to the microsecond:
see Serializer below), so a backup taken on SQLite
restores into PostgreSQL and the other way round. It holds everything that was
entered: posts, categories, outlets, sources, listings, comments, editors and
their groups, the admin's change log and every saved version of a post.
Users, groups and content types are named by natural keys, so the file fits a
database that ``migrate`` has just created. Left out, because they are
rebuilt or recreated: category placements (rebuilt from the ranks after a
restore), content types and permissions (made by migrate), sessions (editors
sign in again), and the sign-in attempts django-axes keeps (a log, not the archive).

The export reads one consistent snapshot; the restore runs in one transaction
and changes nothing if the file is damaged or the database is not empty.
"""

import datetime
import gzip
import json
from pathlib import Path

from django.apps import apps
from django.core.management import call_command
from django.core.serializers import jsonl
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction

from . import derived
from .models import Category, Comment, Listing, Outlet, Post, Source
from .search.index import merge_pending_entries

# Placements are numbered afresh from the posts' ranks when a backup is loaded.
EXCLUDED = [
    "contenttypes", "auth.permission", "sessions", "archive.categoryplacement", "archive.outletplacement",
    "archive.tagplacement", "axes",
]
ARCHIVE_MODELS = (Post, Category, Outlet, Source, Listing, Comment)


class RestoreRefused(Exception):
    pass


def export_archive(path):
    """Write the whole archive to ``path``; returns how many records were written per model."""
    path = Path(path)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # Every table read as of the same moment, while the site keeps running.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        call_command(
            "dumpdata", format="jsonl", exclude=EXCLUDED, natural_foreign=True, natural_primary=True,
            output=str(path), verbosity=0,
        )
    # Read back what was written: a backup that cannot be read is found now, not on the day it is needed.
    return count_records(path)


def count_records(path):
    """Records per model in a backup file; RestoreRefused naming PATH:LINE if a line is not one."""
    opener = gzip.open if str(path).endswith(".gz") else open
    counts = {}
    line_number = 0
    try:
        with opener(path, "rt", encoding="utf-8") as lines:
            for line_number, line in enumerate(lines, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                    model = apps.get_model(record["model"])
                    if not isinstance(record["fields"], dict):
                        raise TypeError("its fields are not an object")
                except (ValueError, LookupError, TypeError) as error:
                    raise RestoreRefused(f"{path}:{line_number}: not a record of the archive ({error})") from None
                counts[model._meta.label] = counts.get(model._meta.label, 0) + 1
    except (OSError, EOFError, UnicodeDecodeError) as error:
        raise RestoreRefused(f"{path}:{line_number + 1}: unreadable ({error})") from None
    if not counts:
        raise RestoreRefused(f"{path}: holds no records")
    return counts


def restore_archive(path):
    """Load a file written by ``export_archive`` into this (empty, migrated) database."""
    path = Path(path)
    if not path.is_file():
        raise RestoreRefused(f"{path}: no such file")
    held = {model._meta.verbose_name_plural: model.objects.count() for model in ARCHIVE_MODELS}
    held = {name: n for name, n in held.items() if n}
    count_records(path)  # the whole file is read once before anything is written
    if held:
        listed = ", ".join(f"{n} {name}" for name, n in held.items())
        raise RestoreRefused(
            f"The database already holds {listed}: restore into an empty database "
            "(create one and run `python manage.py migrate` on it first)."
        )
    with transaction.atomic():
        # The file holds each post's search terms; ranks and placements are made once, at the end.
        with derived.batch() as changes:
            call_command("loaddata", str(path), verbosity=0)
            changes.order_changed = True
    merge_pending_entries(connection)
    return {model._meta.label: model.objects.count() for model in ARCHIVE_MODELS}


# The "jsonl" serialisation format (settings.SERIALIZATION_MODULES) --------------------------------


class ExactJSONEncoder(DjangoJSONEncoder):
    """Django's JSON encoder, but times keep their microseconds (Django's stop at the millisecond)."""

    def default(self, o):
        if isinstance(o, (datetime.datetime, datetime.time)):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        return super().default(o)


class Serializer(jsonl.Serializer):
    """Django's JSON Lines, with exact times: a restored archive holds the very times exported."""

    def serialize(self, queryset, **options):
        options.setdefault("cls", ExactJSONEncoder)
        return super().serialize(queryset, **options)


Deserializer = jsonl.Deserializer
