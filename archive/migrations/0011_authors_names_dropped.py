"""The posts' author names, now authors' rows (0010), dropped; the index of each author's posts by place.

Apart from 0010: on PostgreSQL a table whose rows a migration has just written
cannot be altered in the same transaction.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('archive', '0010_authors'),
    ]

    operations = [
        migrations.RemoveField(model_name='post', name='author_name'),
        migrations.AddIndex(
            model_name='post',
            index=models.Index(fields=['author', 'author_rank'], name='post_author_rank'),
        ),
    ]
