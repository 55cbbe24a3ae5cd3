"""Rows related to each row of a query, brought as one JSON column of that query.

A page of posts shows each post's categories and cited sources. Asked for in
queries of their own, they cost two more round trips to the database on every
page; as correlated subqueries that build a JSON array per post
(``json_agg`` on PostgreSQL, ``json_group_array`` on SQLite) they come with
the posts, in the one query that reads them.
"""

import json

from django.db.models import TextField
from django.db.models.base import ModelState
from django.db.models.expressions import RawSQL


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
    return json.loads(value) if isinstance(value, str) else value


def loaded(model, db, **values):
    """An instance of ``model`` as read from database ``db``, with these field values.

    What Model.from_db gives, without Model.__init__ and its signals: a list
    page builds dozens of categories, sources and outlets, and __init__ cost
    three times as much as this. Fields not given are deferred.
    """
    instance = model.__new__(model)
    instance.__dict__.update(values)
    state = instance._state = ModelState()
    state.adding, state.db = False, db
    return instance
