"""Each month's first place in the archive's order (Month.first_rank), so that a month's or a year's page is
read from the months' rows: filled in for the months already counted."""

import datetime

from django.db import migrations, models
from django.db.models import Min
from django.utils import timezone


def first_ranks(apps, schema_editor):
    Month, Post = apps.get_model("archive", "Month"), apps.get_model("archive", "Post")
    zone = timezone.get_current_timezone()
    for row in Month.objects.all():
        start = datetime.datetime(row.year, row.month, 1, tzinfo=zone)
        end = datetime.datetime(row.year + row.month // 12, row.month % 12 + 1, 1, tzinfo=zone)
        posts = Post.objects.filter(published__gte=start, published__lt=end)
        row.first_rank = posts.aggregate(first=Min("rank"))["first"]
        row.save(update_fields=["first_rank"])


class Migration(migrations.Migration):
    dependencies = [("archive", "0015_tag_placements")]

    operations = [
        migrations.AddField(
            model_name="month",
            name="first_rank",
            field=models.PositiveIntegerField(editable=False, null=True),
        ),
        migrations.RunPython(first_ranks, migrations.RunPython.noop),
    ]
