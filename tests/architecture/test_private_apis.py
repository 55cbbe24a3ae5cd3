"""Each API below Django's and psycopg's public ones that the archive still uses, pinned.

docs/architecture.md lists them with what each buys. If a release of Django or
psycopg changes one, the test named for it fails here, saying which, before
the code that relies on it misbehaves.
"""

import inspect

import pytest
from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.utils import CursorWrapper
from django.db.models import Index

from archive.models import Post


def test_health_checks_ask_the_backend_whether_a_connection_is_usable():
    """briefings/db/base.py overrides is_usable: Django must still call it to check a kept connection."""
    source = inspect.getsource(BaseDatabaseWrapper.close_if_health_check_failed)
    assert "self.health_check_enabled" in source and "self.is_usable()" in source
    from django.db.backends.postgresql.base import DatabaseWrapper

    assert inspect.signature(DatabaseWrapper.is_usable).parameters.keys() == {"self"}


def test_a_querysets_sql_and_parameters_can_be_read(db):
    """archive.derived.renumber_posts reads the numbering query's SQL for its UPDATE … FROM."""
    sql, params = Post.objects.filter(pk=7).values("id").query.sql_with_params()
    assert sql.lstrip().upper().startswith("SELECT") and list(params) == [7]


def test_an_index_can_decide_its_own_sql():
    """archive.search.index.PostgresGinIndex overrides create_sql to be a GIN index on PostgreSQL only."""
    assert list(inspect.signature(Index.create_sql).parameters)[:4] == ["self", "model", "schema_editor", "using"]


def test_djangos_cursor_wraps_the_drivers_own(db):
    """The importer's bulk writes (archive.importing.rows) reach psycopg's COPY through Django's cursor."""
    with connection.cursor() as cursor:
        assert isinstance(cursor, CursorWrapper)
        driver_cursor = cursor.cursor
        assert driver_cursor is not cursor and hasattr(driver_cursor, "execute")
        if connection.vendor == "postgresql":
            with driver_cursor.copy("COPY (SELECT 1) TO STDOUT") as copy:
                assert hasattr(copy, "write_row") and list(copy.rows()) == [("1",)]


def test_the_backend_adapts_values_for_rows_written_by_hand(db):
    """archive.importing.rows adapts dates and times as Django would before writing them as plain rows."""
    import datetime

    from django.utils import timezone

    ops = connection.ops
    assert ops.adapt_datefield_value(datetime.date(2024, 2, 5)) is not None
    assert ops.adapt_datetimefield_value(timezone.now()) is not None
    assert ops.quote_name("archive_post") == '"archive_post"'


@pytest.mark.parametrize("vendor", ["sqlite", "postgresql"])
def test_new_ids_are_read_from_where_the_database_keeps_them(db, vendor):
    """archive.importing.rows.new_ids reads SQLite's sqlite_sequence or PostgreSQL's serial sequence."""
    if connection.vendor != vendor:
        pytest.skip(f"runs in the {vendor} pass")
    with connection.cursor() as cursor:
        if vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_sequence'")
            assert cursor.fetchone() is not None
        else:
            cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", ['"archive_post"'])
            assert cursor.fetchone()[0]


def test_sqlites_connection_can_interrupt_a_statement(db):
    """archive.search.query.time_limited stops a SQLite search with the connection's progress handler."""
    if connection.vendor != "sqlite":
        pytest.skip("runs in the sqlite pass")
    connection.ensure_connection()
    assert callable(connection.connection.set_progress_handler)
