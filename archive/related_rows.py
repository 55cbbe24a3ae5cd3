"""Rows related to each row of a query, brought as one JSON column of that query.

A page of posts shows each post's categories and cited sources. Asked for in
queries of their own, they cost two more round trips to the database on every
page; as correlated subqueries that build a JSON array per post
(``json_agg`` on PostgreSQL, ``json_group_array`` on SQLite) they come with
the posts, in the one query that reads them.

The JSON is read with orjson: Python's json module took a tenth of a list
page's time reading these columns.
"""

import functools

import orjson
from django.db.backends.signals import connection_created
from django.db.models import TextField
from django.db.models.base import ModelState
from django.db.models.expressions import RawSQL
from django.dispatch import receiver


class RelatedRows(RawSQL):
    """A JSON array of ``columns`` (SQL expressions) per row, read ``FROM`` … ``WHERE`` … in ``order``.

    ``source`` is the subquery's FROM and WHERE clauses, which tie it to the
    outer row. Each element of the array is one related row, a JSON array of
    the columns' values; ``rows()`` reads the column back.
    """

    def __init__(self, columns, source, order):
        self.columns, self.source, self.order = list(columns), source, order
        selected = ", ".join(self.columns)
        super().__init__(
            f"(SELECT json_agg(json_build_array({selected}) ORDER BY {order}) {source})", [], output_field=TextField()
        )

    def as_sqlite(self, compiler, connection):
        # SQLite 3.40 has no ORDER BY inside an aggregate: order a subquery instead;
        # it is not flattened into an aggregate query, so its order is kept.
        names = [f"c{number}" for number in range(len(self.columns))]
        selected = ", ".join(f"{column} AS {name}" for column, name in zip(self.columns, names))
        sql = (
            f"(SELECT json_group_array(json_array({', '.join(names)})) "
            f"FROM (SELECT {selected} {self.source} ORDER BY {self.order}))"
        )
        return sql, []


def rows(value):
    """The related rows of one outer row, as lists of values, from a RelatedRows column."""
    if value is None:  # PostgreSQL's json_agg of no rows
        return []
    # psycopg reads json as Python values; SQLite gives the text.
    return orjson.loads(value) if isinstance(value, str) else value


@receiver(connection_created)
def _read_json_with_orjson(sender, connection, **kwargs):
    """psycopg decodes json columns with orjson on every new PostgreSQL connection.

    Only json (RelatedRows' arrays): Django reads jsonb (JSONField) as text and
    decodes it itself, which psycopg's set_json_loads would change too.
    """
    if connection.vendor == "postgresql":
        for loader in _orjson_loaders():
            connection.connection.adapters.register_loader("json", loader)


@functools.cache
def _orjson_loaders():
    """psycopg's json loaders (text and binary) with orjson's loads, made once per process."""
    from psycopg.types.json import JsonBinaryLoader, JsonLoader

    return [
        type(f"Orjson{base.__name__}", (base,), {"_loads": orjson.loads}) for base in (JsonLoader, JsonBinaryLoader)
    ]


def loaded(model, db, values=(), /, **named):
    """An instance of ``model`` as read from database ``db``, with these field values (pairs or named).

    What Model.from_db gives, without Model.__init__ and its signals: a list
    page builds dozens of categories, sources and outlets, and __init__ cost
    three times as much as this. Fields not given are deferred.
    """
    instance = model.__new__(model)
    instance.__dict__.update(values, **named)
    state = instance._state = ModelState()
    state.adding, state.db = False, db
    return instance
