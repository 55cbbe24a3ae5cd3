from django.db import migrations, models

from ._indexes import without_post_index


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0004_post_text_lz4"),
    ]

    operations = [
        # The index of rank alone goes: the new index starts with rank and does its work.
        without_post_index(
            "rank", models.PositiveIntegerField(blank=True, editable=False, null=True),
            column="rank", index_name="archive_post_rank_7e527d02",
        ),
        migrations.AddIndex(
            model_name="post",
            index=models.Index(fields=["rank", "slug", "updated", "id"], name="post_rank_slug_updated"),
        ),
    ]
