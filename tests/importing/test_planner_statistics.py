"""After a large import the database's query planner knows the archive as the import left it: every post with its
rank (archive.importing.rows.settle_after_commit)."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection

from archive.importing.rows import ANALYZE_AFTER
from archive.models import Post
from tests.wordpress.helpers import export, item_xml

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_large_import_leaves_the_planner_knowing_each_posts_rank(tmp_path):
    first = datetime.datetime(2020, 1, 1)
    body = "".join(
        item_xml(number, post_date_gmt=f"{first + datetime.timedelta(hours=number):%Y-%m-%d %H:%M:%S}")
        for number in range(1, ANALYZE_AFTER + 1)
    )
    call_command("load_seeds", str(export(tmp_path, body)), verbosity=0)
    assert not Post.objects.filter(rank=None).exists()
    table = Post._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # A rank is one post's: two posts are looked up by the index of ranks, not by reading a whole index
            # (which the planner did when its statistics said that every post had the same rank).
            cursor.execute(f"EXPLAIN QUERY PLAN SELECT rank, published FROM {table} WHERE rank IN (10, 20)")
            assert "post_rank_slug_updated (rank=?)" in " ".join(row[-1] for row in cursor.fetchall())
        else:
            cursor.execute("SELECT null_frac FROM pg_stats WHERE tablename = %s AND attname = 'rank'", [table])
            assert cursor.fetchone()[0] == 0
