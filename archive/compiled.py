"""Querysets compiled to SQL once per process, then run with each request's own values.

A list page runs the same query on every request with other values in it:
which category, which ranks. Building that queryset and compiling it through
the ORM took 0.74 ms of a category page's 1.6 ms of queries (SQLite, 100 000
posts): several times what the database takes to answer it. A CompiledQuery
builds its queryset once per database with marker values, finds where each
marker lands among the SQL's parameters, and from then on runs that SQL with
the request's values in their places, as a raw query: the same model
instances, with the same deferred fields and annotations.

On PostgreSQL that SQL is also a prepared statement, planned once per
connection: Django's cursors write the values into the SQL text, so the
server plans every query anew, and planning a list page's query (its
categories, sources and comment count are subqueries) took longer than
running it. The settings give PostgreSQL's generic plan to prepared
statements (briefings/settings.py): these queries' plans do not depend on the
values, and the custom plans PostgreSQL would otherwise keep choosing for
them cost a planning each time.

The rows become model instances here, as Django's raw querysets would make
them (the same converters, deferred fields and annotations) but without
working out each time which column is which, or running Model.__init__ per
row (archive.related_rows.loaded): together a tenth of a list page's time.
"""

from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.sql.query import RawQuery

from .related_rows import loaded

# Values no request uses, one per parameter: integers within every integer
# column's range, and strings no slug can hold.
_INTEGER_MARKER = 2_147_480_000
_STRING_MARKER = "\ue000compiled-query-{}\ue000"


class CompiledQuery:
    def __init__(self, build):
        """``build(*values)`` returns the queryset; each value must reach the SQL unchanged, as one parameter."""
        self.build = build
        self._compiled = {}  # database alias → (model, SQL, parameters, places of the values)
        self._readers = {}  # database alias → how a row becomes an instance (RowReader)

    def __call__(self, *values, using=DEFAULT_DB_ALIAS):
        """The instances the queryset built with ``values`` holds, as a list."""
        compiled = self._compiled.get(using)
        if compiled is None:
            compiled = self._compiled[using] = self._compile(values, using)
        model, sql, params, places = compiled
        params = list(params)
        for place, value in zip(places, values):
            params[place] = type(params[place])(value)  # as the ORM gave it (psycopg's Int4, say)
        connection = connections[using]
        with _cursor(connection) as cursor:
            cursor.execute(sql, params)
            if connection.queries_logged and connection.queries_log[-1]["sql"] is None:
                # psycopg keeps no text of a prepared statement's run: log the SQL with its values.
                connection.queries_log[-1]["sql"] = connection.ops.compose_sql(sql, params)
            reader = self._readers.get(using)
            if reader is None:
                columns = [column[0] for column in cursor.description]
                reader = self._readers[using] = RowReader(model, columns, using)
            return reader.instances(cursor.fetchall())

    def _compile(self, values, using):
        markers = [
            _STRING_MARKER.format(number) if isinstance(value, str) else _INTEGER_MARKER + number
            for number, value in enumerate(values, start=1)
        ]
        queryset = self.build(*markers)
        sql, params = queryset.query.get_compiler(using).as_sql()
        params = list(params)
        places = []
        for marker in markers:
            if params.count(marker) != 1:
                raise ValueError(f"{marker!r} is {params.count(marker)} parameters of {sql!r}, not one")
            places.append(params.index(marker))
        return queryset.model, sql, tuple(params), places


class RowReader:
    """Makes rows of ``columns`` into instances of ``model``, as a raw queryset of the same SQL would.

    Columns that are the model's fields become its field values (fields not
    read stay deferred), the others annotations; the database's converters
    apply, as in Django's RawModelIterable.
    """

    def __init__(self, model, columns, using):
        connection = connections[using]
        name = connection.introspection.identifier_converter
        fields = {name(field.column): field for field in model._meta.concrete_fields}
        if name(model._meta.pk.column) not in columns:
            raise ValueError(f"a compiled query of {model.__name__} must read its primary key")
        selected = [fields.get(column) for column in columns]
        self.model, self.using = model, using
        self.names = [field.attname if field else column for field, column in zip(selected, columns)]
        compiler = connection.ops.compiler("SQLCompiler")(RawQuery("", using), connection, using)
        self.converters = compiler.get_converters(
            [field.get_col(field.model._meta.db_table) if field else None for field in selected]
        )
        self.compiler = compiler
        self.after_load = getattr(model, "remember_stored", None)

    def instances(self, rows):
        if self.converters:
            rows = self.compiler.apply_converters(rows, self.converters)
        model, using, names, after_load = self.model, self.using, self.names, self.after_load
        instances = []
        for row in rows:
            instance = loaded(model, using, zip(names, row))
            if after_load is not None:
                after_load(instance)
            instances.append(instance)
        return instances


@contextmanager
def _cursor(connection):
    """Django's own cursor (its checks, its query log, its errors); on PostgreSQL, binding on the server.

    psycopg then prepares the statement (prepare_threshold in the settings).
    Its rows come in binary, read by psycopg's C loaders: Django's loader of
    text timestamps is Python, and was a third of the time of reading a page's rows.
    """
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            yield cursor
        return
    from django.db.backends.postgresql.base import ServerBindingCursor
    from psycopg.pq import Format

    connection.ensure_connection()
    raw = connection.connection
    client_binding = raw.cursor_factory
    raw.cursor_factory = ServerBindingCursor
    try:
        cursor = connection.cursor()
    finally:
        raw.cursor_factory = client_binding
    cursor.cursor.format = Format.BINARY
    with cursor:
        yield cursor
