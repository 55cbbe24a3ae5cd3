"""Keep Post.rank equal to each post's place in the archive's listing order.

Pages of the archive select a range of ranks instead of skipping rows with
OFFSET, so page 6 000 costs what page 1 costs. Ranks are renumbered in one
statement whenever the order can change: after an import, and when a post is
created, deleted or given another date.
"""

from django.db import connection
from django.db.models import Window
from django.db.models.functions import RowNumber

from .models import LISTING_ORDER, Post


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
