"""A comment imported from a WordPress export keeps its HTML (Comment.body_format, body_html) and a digest of what
the import wrote (import_digest); the comments already here are plain text, as they were."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('archive', '0017_refresh_statistics'),
    ]

    operations = [
        migrations.AddField(
            model_name='comment',
            name='body_format',
            field=models.CharField(choices=[('text', 'Plain text'), ('html', 'HTML')], default='text', max_length=4),
        ),
        migrations.AddField(
            model_name='comment',
            name='body_html',
            field=models.TextField(blank=True, default='', editable=False),
        ),
        migrations.AddField(
            model_name='comment',
            name='import_digest',
            field=models.CharField(blank=True, default='', editable=False, max_length=64),
        ),
    ]
