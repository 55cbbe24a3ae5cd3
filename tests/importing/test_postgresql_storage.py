"""PostgreSQL: how imported posts are stored."""

import pytest
from django.db import connection

from archive.models import Post

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's column compression")


def lz4_available():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'")
        return cursor.fetchone()[0]


def test_imported_post_texts_are_compressed_with_lz4(seeded):
    if not lz4_available():
        pytest.skip("this PostgreSQL server was built without lz4")
    with connection.cursor() as cursor:
        # Values too short to be worth compressing are stored as they are (NULL here).
        cursor.execute(
            "SELECT method, count(*) FROM archive_post, LATERAL (VALUES (pg_column_compression(body)), "
            "(pg_column_compression(body_html)), (pg_column_compression(body_text))) AS texts(method) "
            "WHERE method IS NOT NULL GROUP BY method"
        )
        methods = dict(cursor.fetchall())
    assert set(methods) == {"lz4"} and methods["lz4"] >= 3
    assert Post.objects.filter(body_html__contains="<p>").count() == Post.objects.count()
