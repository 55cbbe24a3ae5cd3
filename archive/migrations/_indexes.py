"""Dropping and making again an index of one column, for migrations.

Done by name, found by its columns: Django's own way (AlterField) rebuilds the
whole post table on SQLite, 78 s for an archive of 100 000 posts.
"""


def drop_plain_index(apps, schema_editor, model_name, column):
    """Drop the index (not unique) of ``column`` alone, on the table of the archive's ``model_name``."""
    table = apps.get_model("archive", model_name)._meta.db_table
    with schema_editor.connection.cursor() as cursor:
        constraints = schema_editor.connection.introspection.get_constraints(cursor, table)
    for name, constraint in constraints.items():
        if constraint["index"] and not constraint["unique"] and constraint["columns"] == [column]:
            schema_editor.execute(f"DROP INDEX {schema_editor.quote_name(name)}")


def create_plain_index(apps, schema_editor, model_name, column, name):
    table = schema_editor.quote_name(apps.get_model("archive", model_name)._meta.db_table)
    schema_editor.execute(f"CREATE INDEX {schema_editor.quote_name(name)} ON {table} ({schema_editor.quote_name(column)})")
