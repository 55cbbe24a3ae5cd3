"""How long building the search index alone takes, for the posts already imported.

Run by bench/run.py with DATABASE_URL set, after the import; prints one JSON line.
It is the part of an import that the database does on one core, whatever else
the import does: on PostgreSQL every post's tsvector (the GIN index aside), on
SQLite FTS5 indexing every post again (in a transaction rolled back after).
"""

import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "briefings.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402

from archive.models import Post  # noqa: E402
from archive.search import sqlite  # noqa: E402
from archive.search.index import search_document  # noqa: E402


def index_all():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            documents, params = Post.objects.annotate(document=search_document()).values("document").query.sql_with_params()
            # length() makes PostgreSQL compute each document; nothing is written.
            cursor.execute(f"SELECT sum(length(document)) FROM ({documents}) AS documents", params)
        else:
            cursor.execute(f"INSERT INTO {sqlite.TABLE}({sqlite.TABLE}) VALUES ('rebuild')")


def main():
    posts = Post.objects.count()
    with transaction.atomic():
        started = time.perf_counter()
        index_all()
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    print(json.dumps({"seconds": round(seconds, 1), "posts_per_s": round(posts / seconds)}))


if __name__ == "__main__":
    main()
