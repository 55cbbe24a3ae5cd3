"""Posts that named their author before authors had rows come through the migration with an author's page,
and their saved versions can still be restored."""

import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from archive.models import Author, Post


def insert(table, **values):
    columns = ", ".join(connection.ops.quote_name(name) for name in values)
    marks = ", ".join(["%s"] * len(values))
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {connection.ops.quote_name(table)} ({columns}) VALUES ({marks})",
                       list(values.values()))
        cursor.execute(f"SELECT max(id) FROM {connection.ops.quote_name(table)}")
        return cursor.fetchone()[0]


def post(number, author):
    now = timezone.now()
    return insert(
        "archive_post", title=f"Post {number}", slug=f"post-{number}", caption="", body="Text.",
        body_html="<p>Text.</p>", body_text="Text.", published=now.replace(day=1 + number), rank=10 - number,
        import_digest="", created=now, updated=now, index_terms="", approved_comment_count=0,
        body_format="markdown", excerpt="", original_url="", title_html="", author=author,
    )


@pytest.mark.django_db(transaction=True)
def test_the_names_posts_held_become_authors_and_versions_name_them():
    call_command("migrate", "archive", "0009", verbosity=0)
    try:
        names = ["Ann Writer", "Bo", "Ann Writer", "", "Ann Writer"]
        ids = [post(number, author) for number, author in enumerate(names)]
        with connection.cursor() as cursor:
            cursor.execute("SELECT id FROM django_content_type WHERE app_label = 'archive' AND model = %s",
                           ["post"])
            content_type = cursor.fetchone()[0]
        revision = insert("reversion_revision", date_created=timezone.now(), comment="")
        for pk, author in ((ids[0], "Ann Writer"), (ids[3], "")):
            data = [{"model": "archive.post", "pk": pk, "fields": {"title": "Before", "author": author}}]
            insert("reversion_version", object_id=str(pk), format="json", serialized_data=json.dumps(data),
                   object_repr="Before", content_type_id=content_type, revision_id=revision, db="default")
    finally:
        call_command("migrate", verbosity=0)
    ann, bo = Author.objects.get(slug="ann-writer"), Author.objects.get(slug="bo")
    assert (ann.name, ann.post_count, bo.post_count) == ("Ann Writer", 3, 1)
    # Newest first, as the archive's order: the places follow the ranks.
    assert list(Post.objects.filter(author=ann).order_by("author_rank").values_list("pk", "author_rank")) == [
        (ids[4], 1), (ids[2], 2), (ids[0], 3),
    ]
    assert Post.objects.get(pk=ids[3]).author is None
    with connection.cursor() as cursor:
        cursor.execute("SELECT object_id, serialized_data FROM reversion_version ORDER BY id")
        versions = {int(pk): json.loads(data)[0]["fields"]["author"] for pk, data in cursor.fetchall()}
    assert versions == {ids[0]: ann.pk, ids[3]: None}
