"""Post.filed_and_cited: each post's categories, tags and sources as pages show them (archive/models/filings.py),
read for the posts already here."""

from django.db import migrations, models

from archive.derived.filings import read_filings
from archive.models.filings import filed_and_cited

BATCH = 500


def fill(apps, schema_editor):
    alias = schema_editor.connection.alias
    Post, Source = apps.get_model("archive", "Post"), apps.get_model("archive", "Source")
    ids = list(Post.objects.using(alias).order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        chunk = ids[start:start + BATCH]
        filings = read_filings(chunk, post_model=Post, source_model=Source, using=alias)
        for pk in chunk:
            value = filed_and_cited(*filings[pk])
            if value:
                Post.objects.using(alias).filter(pk=pk).update(filed_and_cited=value)


class Migration(migrations.Migration):
    dependencies = [("archive", "0012_post_summary")]

    operations = [
        migrations.AddField(
            model_name="post",
            name="filed_and_cited",
            field=models.JSONField(blank=True, db_default={}, default=dict, editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
