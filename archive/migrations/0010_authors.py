"""Authors: a row and a page for each (posts named their author's name before), the blog's author paths and
attachments' files as old paths, and the comments feed's index.

The saved versions of posts (django-reversion's, the admin's History) named the
author too: they name the author's row from now on, so that an editor can still
restore any of them.

Every step on the post table is one that SQLite does in place (a column renamed,
added or dropped; an index made): none rebuilds the table.
"""

import json

import django.db.models.deletion
from django.db import migrations, models
from django.utils.text import slugify


def authors_from_names(apps, schema_editor):
    """An author for each name the posts held, and each post's place among its author's posts."""
    Author, Post = apps.get_model("archive", "Author"), apps.get_model("archive", "Post")
    names = Post.objects.exclude(author_name="").order_by("author_name").values_list("author_name", flat=True)
    taken = set(Author.objects.values_list("slug", flat=True))
    for name in names.distinct():
        base = slugify(name)[:100].strip("-") or "author"
        slug, number = base, 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        taken.add(slug)
        author = Author.objects.create(name=name, slug=slug)
        Post.objects.filter(author_name=name).update(author=author)
    posts, authors = Post._meta.db_table, Author._meta.db_table
    schema_editor.execute(
        f'UPDATE "{posts}" SET author_rank = numbered.number FROM (SELECT id, ROW_NUMBER() OVER '
        f'(PARTITION BY author_id ORDER BY rank, id) AS number FROM "{posts}" WHERE author_id IS NOT NULL) '
        f'AS numbered WHERE "{posts}".id = numbered.id'
    )
    schema_editor.execute(
        f'UPDATE "{authors}" SET post_count = COALESCE((SELECT MAX(author_rank) FROM "{posts}" '
        f'WHERE "{posts}".author_id = "{authors}".id), 0)'
    )


def post_versions(apps):
    """The saved versions of posts, as JSON, that django-reversion keeps."""
    Version = apps.get_model("reversion", "Version")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type = ContentType.objects.filter(app_label="archive", model="post").first()
    return Version.objects.filter(content_type=content_type, format="json") if content_type else []


def rewrite_versions(apps, author_of):
    """Each saved version of a post with its ``author`` given by ``author_of(value)``."""
    for version in post_versions(apps):
        records = json.loads(version.serialized_data)
        for record in records:
            if "author" in record.get("fields", {}):
                record["fields"]["author"] = author_of(record["fields"]["author"])
        written = json.dumps(records)
        if written != version.serialized_data:
            version.serialized_data = written
            version.save(update_fields=["serialized_data"])


def versions_name_authors(apps, schema_editor):
    # A name no post holds any more (a version from before the author was changed) is left out.
    authors = dict(apps.get_model("archive", "Author").objects.values_list("name", "pk"))
    rewrite_versions(apps, lambda name: authors.get(name) if isinstance(name, str) else name)


def versions_name_names(apps, schema_editor):
    names = dict(apps.get_model("archive", "Author").objects.values_list("pk", "name"))
    rewrite_versions(apps, lambda pk: names.get(pk, "") if not isinstance(pk, str) else pk)


def names_from_authors(apps, schema_editor):
    Author, Post = apps.get_model("archive", "Author"), apps.get_model("archive", "Post")
    Post.objects.filter(author__isnull=False).update(author_name=models.Subquery(
        Author.objects.filter(pk=models.OuterRef("author")).values("name")[:1]
    ))


def leads_to(kind):
    targets = ("post", "page", "category", "tag", "author")
    keys = models.Q(**{f"{target}__isnull": target != kind for target in targets})
    return keys & (~models.Q(file="") if kind == "file" else models.Q(file=""))


class Migration(migrations.Migration):

    dependencies = [
        ('archive', '0009_old_paths'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('reversion', '0002_add_index_on_version_for_content_type_and_db'),
    ]

    operations = [
        migrations.CreateModel(
            name='Author',
            fields=[
                ('id', models.BigAutoField(
                    auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(help_text='As the original blog showed it.', max_length=200)),
                ('slug', models.SlugField(max_length=120, unique=True)),
                ('description', models.TextField(blank=True)),
                ('post_count', models.PositiveIntegerField(db_default=0, default=0, editable=False)),
                ('import_key', models.CharField(
                    blank=True, editable=False, max_length=300, null=True, unique=True)),
            ],
            options={
                'ordering': ['name'],
            },
        ),
        migrations.RenameField(model_name='post', old_name='author', new_name='author_name'),
        migrations.AddField(
            model_name='post',
            name='author',
            field=models.ForeignKey(
                blank=True, db_index=False, help_text='Who wrote it, as the original blog showed it.',
                null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='posts',
                to='archive.author',
            ),
        ),
        migrations.AddField(
            model_name='post',
            name='author_rank',
            field=models.PositiveIntegerField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(authors_from_names, names_from_authors),
        migrations.RunPython(versions_name_authors, versions_name_names),
        migrations.AddField(
            model_name='oldpath',
            name='author',
            field=models.ForeignKey(
                blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='old_paths',
                to='archive.author',
            ),
        ),
        migrations.AddField(
            model_name='oldpath',
            name='file',
            field=models.CharField(blank=True, db_default='', default='', max_length=500),
        ),
        migrations.RemoveConstraint(model_name='oldpath', name='old_path_leads_to_one_thing'),
        migrations.AddConstraint(
            model_name='oldpath',
            constraint=models.CheckConstraint(
                condition=(leads_to("post") | leads_to("page") | leads_to("category") | leads_to("tag")
                           | leads_to("author") | leads_to("file")),
                name='old_path_leads_to_one_thing',
            ),
        ),
        migrations.AddIndex(
            model_name='comment',
            index=models.Index(fields=['status', 'created', 'id'], name='comment_status_created'),
        ),
    ]
