"""Each outlet's page, a range of its placements (OutletPlacement, Outlet.post_count), as a category's is of its
own: numbered for the briefings already here."""

from django.db import migrations, models
import django.db.models.deletion


def number(apps, schema_editor):
    connection = schema_editor.connection
    placements = connection.ops.quote_name("archive_outletplacement")
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {placements} (outlet_id, rank, post_id) "
            "SELECT citing.outlet_id, ROW_NUMBER() OVER "
            "(PARTITION BY citing.outlet_id ORDER BY post.rank, post.id), citing.post_id "
            "FROM (SELECT DISTINCT outlet_id, post_id FROM archive_source) AS citing "
            "JOIN archive_post AS post ON post.id = citing.post_id"
        )
        cursor.execute(
            "UPDATE archive_outlet SET post_count = COALESCE((SELECT MAX(rank) FROM "
            f"{placements} WHERE outlet_id = archive_outlet.id), 0)"
        )


class Migration(migrations.Migration):
    dependencies = [("archive", "0013_post_filed_and_cited")]

    operations = [
        migrations.AddField(
            model_name="outlet",
            name="post_count",
            field=models.PositiveIntegerField(db_default=0, default=0, editable=False),
        ),
        migrations.CreateModel(
            name="OutletPlacement",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("rank", models.PositiveIntegerField()),
                ("outlet", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE,
                                             related_name="placements", to="archive.outlet")),
                ("post", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE,
                                           related_name="outlet_placements", to="archive.post")),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("outlet", "rank"), name="outlet_placement_rank_unique"),
                ],
            },
        ),
        migrations.RunPython(number, migrations.RunPython.noop),
    ]
