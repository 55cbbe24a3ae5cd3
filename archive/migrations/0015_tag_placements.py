"""Each tag's page, a range of its placements (TagPlacement, Tag.post_count), as a category's is of its own:
numbered for the posts already tagged."""

from django.db import migrations, models
import django.db.models.deletion


def number(apps, schema_editor):
    connection = schema_editor.connection
    placements = connection.ops.quote_name("archive_tagplacement")
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {placements} (tag_id, rank, post_id) "
            "SELECT tagged.tag_id, ROW_NUMBER() OVER "
            "(PARTITION BY tagged.tag_id ORDER BY post.rank, post.id), tagged.post_id "
            "FROM archive_post_tags AS tagged JOIN archive_post AS post ON post.id = tagged.post_id"
        )
        cursor.execute(
            "UPDATE archive_tag SET post_count = COALESCE((SELECT MAX(rank) FROM "
            f"{placements} WHERE tag_id = archive_tag.id), 0)"
        )


class Migration(migrations.Migration):
    dependencies = [("archive", "0014_outlet_placements")]

    operations = [
        migrations.AddField(
            model_name="tag",
            name="post_count",
            field=models.PositiveIntegerField(db_default=0, default=0, editable=False),
        ),
        migrations.CreateModel(
            name="TagPlacement",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("rank", models.PositiveIntegerField()),
                ("post", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE,
                                           related_name="tag_placements", to="archive.post")),
                ("tag", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE,
                                          related_name="placements", to="archive.tag")),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("tag", "rank"), name="tag_placement_rank_unique"),
                ],
            },
        ),
        migrations.RunPython(number, migrations.RunPython.noop),
    ]
