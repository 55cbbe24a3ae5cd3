"""Dropping (and, backwards, making again) a post index of one column, for migrations.

Done by name, found by its columns: Django's own way (AlterField) rebuilds the
whole post table on SQLite, 78 s for an archive of 100 000 posts.
"""

import functools

from django.db import migrations


def without_post_index(name, field, column, index_name):
    """The operation that drops the index of ``column`` alone, ``name`` now being ``field``."""
    return migrations.SeparateDatabaseAndState(
        state_operations=[migrations.AlterField(model_name="post", name=name, field=field)],
        database_operations=[
            migrations.RunPython(
                functools.partial(_drop_index, column=column),
                functools.partial(_create_index, column=column, index_name=index_name),
            )
        ],
    )


def _drop_index(apps, schema_editor, column):
    table = apps.get_model("archive", "Post")._meta.db_table
    with schema_editor.connection.cursor() as cursor:
        constraints = schema_editor.connection.introspection.get_constraints(cursor, table)
    for name, constraint in constraints.items():
        if constraint["index"] and not constraint["unique"] and constraint["columns"] == [column]:
            schema_editor.execute(f"DROP INDEX {schema_editor.quote_name(name)}")


def _create_index(apps, schema_editor, column, index_name):
    table = schema_editor.quote_name(apps.get_model("archive", "Post")._meta.db_table)
    schema_editor.execute(
        f"CREATE INDEX {schema_editor.quote_name(index_name)} ON {table} ({schema_editor.quote_name(column)})"
    )
