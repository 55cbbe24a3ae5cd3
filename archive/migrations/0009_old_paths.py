"""Old paths: the original blog's links and every slug a post, page, category or tag has had."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('archive', '0008_date_archives'),
    ]

    operations = [
        migrations.CreateModel(
            name='OldPath',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('path', models.CharField(help_text='As requested: decoded, with its query if any.', max_length=2000, unique=True)),
                ('created', models.DateTimeField(auto_now_add=True)),
                ('category', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='old_paths', to='archive.category')),
                ('page', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='old_paths', to='archive.page')),
                ('post', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='old_paths', to='archive.post')),
                ('tag', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='old_paths', to='archive.tag')),
            ],
            options={
                'verbose_name': 'old path',
                'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('category', None), ('page', None), ('post__isnull', False), ('tag', None)), models.Q(('category', None), ('page__isnull', False), ('post', None), ('tag', None)), models.Q(('category__isnull', False), ('page', None), ('post', None), ('tag', None)), models.Q(('category', None), ('page', None), ('post', None), ('tag__isnull', False)), _connector='OR'), name='old_path_leads_to_one_thing')],
            },
        ),
    ]
