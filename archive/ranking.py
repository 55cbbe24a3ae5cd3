"""Keep each post's place in the archive's order, overall and in each category.

Pages select a range of ranks instead of skipping rows with OFFSET, so page
6 000 costs what page 1 costs. ``Post.rank`` is renumbered in one statement
whenever the order can change (an import, a post created, deleted or given
another date), and the category placements are rebuilt from it in another;
``renumber_categories`` alone runs when posts are filed under other categories.
"""

from django.db import connection
from django.db.models import Window
from django.db.models.functions import RowNumber

from .caching import archive_changed
from .models import LISTING_ORDER, CategoryPlacement, Post


def renumber_posts():
    numbered = Post.objects.order_by().annotate(
        number=Window(RowNumber(), order_by=LISTING_ORDER)
    ).values("id", "number")
    select, params = numbered.query.sql_with_params()
    table = connection.ops.quote_name(Post._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET rank = numbered.number "
            f"FROM ({select}) AS numbered "
            f"WHERE {table}.id = numbered.id "
            f"AND ({table}.rank IS NULL OR {table}.rank <> numbered.number)",
            params,
        )
        changed = cursor.rowcount
    renumber_categories()
    if changed:
        archive_changed()


def renumber_categories():
    placements = connection.ops.quote_name(CategoryPlacement._meta.db_table)
    filings = connection.ops.quote_name(Post.categories.through._meta.db_table)
    posts = connection.ops.quote_name(Post._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {placements}")
        cursor.execute(
            f"INSERT INTO {placements} (category_id, rank, post_id) "
            f"SELECT filing.category_id, ROW_NUMBER() OVER "
            f"(PARTITION BY filing.category_id ORDER BY post.rank, post.id), filing.post_id "
            f"FROM {filings} AS filing JOIN {posts} AS post ON post.id = filing.post_id"
        )
