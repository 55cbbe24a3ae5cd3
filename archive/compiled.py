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
"""

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.query import RawQuerySet
from django.db.models.sql.query import RawQuery

# Values no request uses, one per parameter: integers within every integer
# column's range, and strings no slug can hold.
_INTEGER_MARKER = 2_147_480_000
_STRING_MARKER = "\ue000compiled-query-{}\ue000"


class CompiledQuery:
    def __init__(self, build):
        """``build(*values)`` returns the queryset; each value must reach the SQL unchanged, as one parameter."""
        self.build = build
        self._compiled = {}  # database alias → (model, SQL, parameters, places of the values)

    def __call__(self, *values, using=DEFAULT_DB_ALIAS):
        compiled = self._compiled.get(using)
        if compiled is None:
            compiled = self._compiled[using] = self._compile(values, using)
        model, sql, params, places = compiled
        params = list(params)
        for place, value in zip(places, values):
            params[place] = type(params[place])(value)  # as the ORM gave it (psycopg's Int4, say)
        query = PreparedQuery(sql, using, params) if connections[using].vendor == "postgresql" else None
        return RawQuerySet(sql, model=model, query=query, params=params, using=using)

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


class PreparedQuery(RawQuery):
    """A raw query that PostgreSQL binds the values of, so that it can be prepared."""

    def clone(self, using):
        return PreparedQuery(self.sql, using, params=self.params)

    def _execute_query(self):
        from django.db.backends.postgresql.base import ServerBindingCursor

        connection = connections[self.using]
        connection.ensure_connection()
        raw = connection.connection
        client_binding = raw.cursor_factory
        # Django's own cursor (its checks, its query log, its errors), binding on the
        # server: psycopg then prepares the statement (prepare_threshold in the settings).
        raw.cursor_factory = ServerBindingCursor
        try:
            self.cursor = connection.cursor()
        finally:
            raw.cursor_factory = client_binding
        self.cursor.execute(self.sql, self.params)
        if connection.queries_logged and connection.queries_log[-1]["sql"] is None:
            # psycopg keeps no text of a prepared statement's run: log the SQL with its values.
            connection.queries_log[-1]["sql"] = connection.ops.compose_sql(self.sql, self.params)
