from django.db import migrations, models

from ._indexes import create_plain_index, drop_plain_index


def drop_rank_index(apps, schema_editor):
    """Drop the index of `rank` alone: the new index starts with rank and does its work."""
    drop_plain_index(apps, schema_editor, "Post", "rank")


def create_rank_index(apps, schema_editor):
    create_plain_index(apps, schema_editor, "Post", "rank", "archive_post_rank_7e527d02")


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0004_post_text_lz4"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="post",
                    name="rank",
                    field=models.PositiveIntegerField(blank=True, editable=False, null=True),
                ),
            ],
            database_operations=[migrations.RunPython(drop_rank_index, create_rank_index)],
        ),
        migrations.AddIndex(
            model_name="post",
            index=models.Index(fields=["rank", "slug", "updated", "id"], name="post_rank_slug_updated"),
        ),
    ]
