"""Date archives: an index of (published, rank), and the months with posts and their counts."""

from django.db import migrations, models
from django.db.models import Count
from django.db.models.functions import TruncMonth


def count_months(apps, schema_editor):
    """The months of the posts already here (later, archive.derived.ranks.count_months keeps them)."""
    Post, Month = apps.get_model("archive", "Post"), apps.get_model("archive", "Month")
    rows = (
        Post.objects.filter(published__isnull=False).order_by()
        .values(month=TruncMonth("published")).annotate(posts=Count("id"))
    )
    Month.objects.bulk_create(
        [Month(year=row["month"].year, month=row["month"].month, post_count=row["posts"]) for row in rows]
    )


class Migration(migrations.Migration):

    dependencies = [
        ('archive', '0007_counts_tags_pages'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='post',
            index=models.Index(fields=['published', 'rank'], name='post_published_rank'),
        ),
        migrations.CreateModel(
            name='Month',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField()),
                ('month', models.PositiveSmallIntegerField()),
                ('post_count', models.PositiveIntegerField()),
            ],
            options={
                'ordering': ['-year', '-month'],
                'constraints': [models.UniqueConstraint(fields=('year', 'month'), name='one_row_a_month')],
            },
        ),
        migrations.RunPython(count_months, migrations.RunPython.noop),
    ]
