"""The query planner's statistics read again. Imports before this one read them inside load_seeds' transaction,
before the new posts had their ranks: SQLite, told that every post had the same rank, then read a whole index to
find the two posts either side of a day by rank (archive.importing.rows.settle_after_commit)."""

from django.db import migrations


def refresh_statistics(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("ANALYZE")


class Migration(migrations.Migration):
    dependencies = [("archive", "0016_month_first_rank")]

    operations = [migrations.RunPython(refresh_statistics, migrations.RunPython.noop)]
