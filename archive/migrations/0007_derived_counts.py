from django.db import migrations, models


def count(apps, schema_editor):
    """Fill the new counts as archive.derived keeps them."""
    Category = apps.get_model("archive", "Category")
    Post = apps.get_model("archive", "Post")
    categories, posts = Category._meta.db_table, Post._meta.db_table
    placements = apps.get_model("archive", "CategoryPlacement")._meta.db_table
    comments = apps.get_model("archive", "Comment")._meta.db_table
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            f'UPDATE "{categories}" SET post_count = COALESCE((SELECT MAX(p.rank) FROM "{placements}" p '
            f'WHERE p.category_id = "{categories}".id), 0)'
        )
        cursor.execute(
            f'UPDATE "{posts}" SET approved_comment_count = (SELECT COUNT(*) FROM "{comments}" c '
            f"WHERE c.post_id = \"{posts}\".id AND c.status = 'approved') "
            f'WHERE id IN (SELECT post_id FROM "{comments}")'
        )


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0006_post_listing_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="category",
            name="post_count",
            field=models.PositiveIntegerField(default=0, db_default=0, editable=False),
        ),
        migrations.AddField(
            model_name="post",
            name="approved_comment_count",
            field=models.PositiveIntegerField(default=0, db_default=0, editable=False),
        ),
        migrations.RunPython(count, migrations.RunPython.noop, elidable=True),
    ]
