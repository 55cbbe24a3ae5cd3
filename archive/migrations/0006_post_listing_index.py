from django.db import migrations, models
import django.db.models.deletion

from ._indexes import create_plain_index, drop_plain_index


def drop_listing_index(apps, schema_editor):
    """Drop the index of `listing_id` alone: the index of (listing, listing_position) starts with it."""
    drop_plain_index(apps, schema_editor, "Post", "listing_id")


def create_listing_index(apps, schema_editor):
    create_plain_index(apps, schema_editor, "Post", "listing_id", "archive_post_listing_id_5c68e183")


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0005_post_rank_covering_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="post",
                    name="listing",
                    field=models.ForeignKey(
                        blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT,
                        related_name="posts", to="archive.listing",
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(drop_listing_index, create_listing_index)],
        ),
    ]
