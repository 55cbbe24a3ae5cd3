import django.db.models.deletion
from django.db import migrations, models

from ._indexes import without_post_index


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0005_post_rank_covering_index"),
    ]

    operations = [
        # The index of listing_id alone goes: the index of (listing, listing_position) starts with it.
        without_post_index(
            "listing",
            models.ForeignKey(
                blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT,
                related_name="posts", to="archive.listing",
            ),
            column="listing_id", index_name="archive_post_listing_id_5c68e183",
        ),
    ]
