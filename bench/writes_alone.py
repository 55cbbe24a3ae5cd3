"""How fast the database alone writes what an import writes: a floor for import rates.

    DATABASE_URL=<the imported archive> python bench/writes_alone.py <URL of an empty, migrated archive>

Run by bench/run.py after the import; prints one JSON line. Copies every
category, outlet, listing, author, post, filing, source and category placement of the
imported archive into the empty one, in one transaction, as the database's own
bulk copy (SQLite: INSERT … SELECT from the attached file; PostgreSQL: binary
COPY out of one database straight into the other, block by block), with what
the archive keeps up to date on every insert: its indexes, and the search index
(FTS5 indexing the new posts in one statement, as an import does; PostgreSQL
computing each post's tsvector and adding it to the GIN index, whose pending
list an import merges at its end, as this does). No listing is read, nothing is
parsed, no row passes through Python objects: an import of these posts cannot
take less time than this, whatever its own code does.
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

import dj_database_url  # noqa: E402
from django.db import connection  # noqa: E402

from archive.models import (  # noqa: E402
    Author, Category, CategoryPlacement, Comment, Listing, Outlet, Page, Post, Source, Tag,
)
from archive.search import sqlite as fts  # noqa: E402
from archive.search.index import SEARCH_INDEX  # noqa: E402

MODELS = [
    Category, Tag, Outlet, Listing, Author, Post, Post.categories.through, Post.tags.through, Source, CategoryPlacement,
    Comment, Page,
]


def tables():
    """(table, its written columns) in an order that keeps every foreign key satisfied."""
    for model in MODELS:
        columns = [field.column for field in model._meta.concrete_fields if not field.generated]
        yield model._meta.db_table, ", ".join(connection.ops.quote_name(column) for column in columns)


def copy_sqlite(target):
    import sqlite3

    source = connection.settings_dict["NAME"]
    database = sqlite3.connect(target, isolation_level=None)
    database.execute("PRAGMA journal_mode=WAL")
    database.execute("PRAGMA synchronous=NORMAL")  # as the archive's settings
    database.execute("ATTACH DATABASE ? AS imported", (str(source),))
    started = time.perf_counter()
    database.execute("BEGIN IMMEDIATE")
    database.execute(f"DROP TRIGGER {fts.TABLE}_insert")
    for table, columns in tables():
        database.execute(f"INSERT INTO main.{table} ({columns}) SELECT {columns} FROM imported.{table}")
    index = f"INSERT INTO {fts.TABLE}(rowid, {fts.COLUMNS}) SELECT id, {fts.COLUMNS} FROM {fts.POSTS}"
    database.execute(index)
    database.execute(f"CREATE TRIGGER {fts.TABLE}_insert {fts.TRIGGERS[f'{fts.TABLE}_insert']}")
    database.execute("COMMIT")
    seconds = time.perf_counter() - started
    database.close()
    return seconds


def copy_postgresql(target):
    import psycopg

    source = connection.settings_dict
    with psycopg.connect(
        dbname=source["NAME"], user=source["USER"], host=source["HOST"], port=source["PORT"] or 5432
    ) as reading, psycopg.connect(target) as writing:
        started = time.perf_counter()
        with writing.transaction():
            for table, columns in tables():
                out = f"COPY (SELECT {columns} FROM {table}) TO STDOUT (FORMAT BINARY)"
                into = f"COPY {table} ({columns}) FROM STDIN (FORMAT BINARY)"
                with reading.cursor().copy(out) as blocks, writing.cursor().copy(into) as copy:
                    for block in blocks:
                        copy.write(block)
        writing.execute("SELECT gin_clean_pending_list(%s::regclass)", [SEARCH_INDEX])
        return time.perf_counter() - started


def main(target_url):
    posts = Post.objects.count()
    target = dj_database_url.parse(target_url)
    if connection.vendor == "sqlite":
        seconds = copy_sqlite(target["NAME"])
    else:
        seconds = copy_postgresql(target_url)
    print(json.dumps({"seconds": round(seconds, 1), "posts_per_s": round(posts / seconds)}))


if __name__ == "__main__":
    main(sys.argv[1])
