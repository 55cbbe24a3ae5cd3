"""The import's bulk write path: rows written as plain rows, ids known before they are written.

An import writes tens of thousands of rows. Model instances and the ORM's
bulk_create cost more than the inserts themselves, so rows go in as tuples of
values already adapted for the database: with COPY on PostgreSQL, executemany
elsewhere. This is the one place outside the database backend that uses APIs
below Django's public ones (each listed in docs/architecture.md, with what it
buys, and pinned by tests/architecture/test_private_apis.py).
"""

from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.utils import timezone

from ..models import (
    Author, Category, CategoryPlacement, Comment, Listing, Month, OldPath, Outlet, OutletPlacement, Post, Source, Tag,
    TagPlacement,
)
from ..search.index import merge_pending_entries

BATCH_SIZE = 500
# After this many rows written, the query planner's statistics are out of date (refresh_statistics).
ANALYZE_AFTER = 1000


def new_ids(model, count):
    """Ids for ``count`` new rows of ``model``, never used before, from the table's own sequence.

    Known before the rows are written, so that no query has to find them
    afterwards. On SQLite the import holds the only write lock, and the next ids
    follow the highest ever given (sqlite_sequence: a deleted row's id is never
    reused, as an AUTOINCREMENT key would not).
    """
    if not count:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [connection.ops.quote_name(table), count],
            )
            return [pk for (pk,) in cursor.fetchall()]
        cursor.execute(
            f"SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = %s), 0), "
            f"coalesce((SELECT max(id) FROM {connection.ops.quote_name(table)}), 0))",
            [table],
        )
        first = cursor.fetchone()[0] + 1
    return list(range(first, first + count))


def insert_instances(model, instances):
    """INSERT new, unsaved ``instances`` of ``model`` as plain rows; those without an id get one first (new_ids).

    Every value is prepared by its own field, as bulk_create prepares it
    (``Field.pre_save`` and ``get_db_prep_save``), without building the
    statement bulk_create builds anew for every batch: a WordPress import's
    posts, comments and filings went in three times as fast. Sends no signals,
    as bulk_create does not.
    """
    fields = [
        field for field in model._meta.get_fields()
        if getattr(field, "concrete", False) and not field.many_to_many and not field.primary_key
        and not getattr(field, "generated", False)
    ]
    unnumbered = [instance for instance in instances if instance.pk is None]
    for instance, pk in zip(unnumbered, new_ids(model, len(unnumbered))):
        instance.pk = pk
    # The connection itself, not django.db.connection, which looks it up again at every use (a third of the time).
    database = connections[DEFAULT_DB_ALIAS]
    insert_rows(model, ["id", *(field.name for field in fields)], [
        (instance.pk, *(field.get_db_prep_save(field.pre_save(instance, True), database) for field in fields))
        for instance in instances
    ])


def listing_rows(headings):
    """A Listing row for every file (file name → (kind, name, page)), created or corrected in bulk."""
    rows = {row.file_name: row for row in Listing.objects.filter(file_name__in=list(headings))}
    new, changed = [], []
    for file_name, (kind, name, page) in headings.items():
        row = rows.get(file_name)
        if row is None:
            rows[file_name] = row = Listing(file_name=file_name, kind=kind, name=name, page=page)
            new.append(row)
        elif (row.kind, row.name, row.page) != (kind, name, page):
            row.kind, row.name, row.page = kind, name, page
            changed.append(row)
    # As plain rows with ids known beforehand: bulk_create took 10-20 ms for 50
    # rows on SQLite in the middle of a large import, a plain INSERT under 1.
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    for row, pk in zip(new, new_ids(Listing, len(new))):
        row.pk = pk
    insert_rows(Listing, ["id", "file_name", "kind", "name", "page", "imported"], [
        (row.pk, row.file_name, row.kind, row.name, row.page, now) for row in new
    ])
    Listing.objects.bulk_update(changed, ["kind", "name", "page"], batch_size=BATCH_SIZE)
    return rows


def settle_after_commit(written):
    """Once the import is committed: refresh the planner's statistics if it wrote ``written`` >= ANALYZE_AFTER
    rows, and merge the search index's pending entries (archive.search.index).

    After the commit, not before: load_seeds holds listings and exports in one
    transaction, whose end gives the new posts their ranks and places. Statistics
    read before then saw every new post without a rank, and SQLite, told that one
    rank matched every post, scanned a whole index to find two posts by rank.
    Outside a transaction, at once.
    """
    def settle():
        if written >= ANALYZE_AFTER:
            refresh_statistics()
        merge_pending_entries(connection)

    transaction.on_commit(settle)


def refresh_statistics():
    """Let the database's query planner see the archive as it now is: what imports write, and the places and
    sizes worked out from it."""
    models = (
        Post, Source, Category, Outlet, Listing, Tag, Comment, OldPath, Author, Month,
        CategoryPlacement, OutletPlacement, TagPlacement, Post.categories.through, Post.tags.through,
    )
    tables = [model._meta.db_table for model in models]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(table) for table in tables))
        else:
            cursor.execute("ANALYZE")


def insert_rows(model, field_names, rows, *, ignore_conflicts=False):
    """INSERT rows of values, ready for the database, into ``field_names`` of ``model``'s table.

    On PostgreSQL, rows that cannot conflict go in with COPY: it spares the
    server a statement per row: imports of 10 000 posts ran 11-17 % faster.
    """
    if not rows:
        return
    columns = ", ".join(connection.ops.quote_name(model._meta.get_field(name).column) for name in field_names)
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and not ignore_conflicts:
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        marks = ", ".join(["%s"] * len(field_names))
        conflicts = " ON CONFLICT DO NOTHING" if ignore_conflicts else ""
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks}){conflicts}", rows)
