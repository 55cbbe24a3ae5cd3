"""Ranks, category, outlet and tag placements and sizes, authors' places and sizes, months, comment counts:
worked out from what was entered."""

from django.db import connection
from django.db.models import Count, Min, OuterRef, Subquery, Window
from django.db.models.functions import Coalesce, RowNumber, TruncMonth

from ..models import (
    LISTING_ORDER, Author, Category, CategoryPlacement, Comment, Month, Outlet, OutletPlacement, Post, Source, Tag,
    TagPlacement,
)


def renumber_posts():
    """Give every post its rank in LISTING_ORDER, then rebuild the category, outlet and tag placements and
    authors' places.

    One UPDATE, whose SELECT the ORM writes from LISTING_ORDER (the one place the
    order is written down); rows already in place are not written.
    """
    numbered = Post.objects.order_by().annotate(number=Window(RowNumber(), order_by=LISTING_ORDER))
    # The ORM has no UPDATE … FROM: the numbering's SQL is read from the query
    # (docs/architecture.md, "Private APIs").
    select, params = numbered.values("id", "number").query.sql_with_params()
    table = Post._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f'UPDATE "{table}" SET rank = numbered.number FROM ({select}) AS numbered '
            f'WHERE "{table}".id = numbered.id AND ("{table}".rank IS NULL OR "{table}".rank <> numbered.number)',
            params,
        )
    renumber_categories()
    renumber_outlets()
    renumber_tags()
    renumber_authors()
    count_months()


def renumber_authors():
    """Number each author's posts 1, 2, 3… in rank order (``Post.author_rank``); their size is the highest.

    One UPDATE; the rows already in place are not written.
    """
    posts = Post._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f'UPDATE "{posts}" SET author_rank = numbered.number FROM (SELECT id, ROW_NUMBER() OVER '
            f'(PARTITION BY author_id ORDER BY rank, id) AS number FROM "{posts}" '
            "WHERE author_id IS NOT NULL) AS numbered "
            f'WHERE "{posts}".id = numbered.id '
            f'AND ("{posts}".author_rank IS NULL OR "{posts}".author_rank <> numbered.number)'
        )
        cursor.execute(
            f'UPDATE "{posts}" SET author_rank = NULL WHERE author_id IS NULL AND author_rank IS NOT NULL'
        )
    highest = Post.objects.filter(author=OuterRef("pk")).order_by("-author_rank").values("author_rank")[:1]
    Author.objects.update(post_count=Coalesce(Subquery(highest), 0))


def count_months():
    """Count the posts of every month that has any, in the site's time zone, with its newest post's rank (the
    date index's and the date archives' rows).

    One GROUP BY; the months whose count and first rank are unchanged are left as they are.
    """
    counted = {
        (row["month"].year, row["month"].month): (row["posts"], row["first"])
        for row in Post.objects.filter(published__isnull=False).order_by()
        .values(month=TruncMonth("published")).annotate(posts=Count("id"), first=Min("rank"))
    }
    stored = {(row.year, row.month): row for row in Month.objects.all()}
    Month.objects.filter(pk__in=[row.pk for key, row in stored.items() if key not in counted]).delete()
    changed = [
        row for key, row in stored.items() if key in counted and (row.post_count, row.first_rank) != counted[key]
    ]
    for row in changed:
        row.post_count, row.first_rank = counted[(row.year, row.month)]
    Month.objects.bulk_update(changed, ["post_count", "first_rank"])
    Month.objects.bulk_create(
        [Month(year=year, month=month, post_count=count, first_rank=first)
         for (year, month), (count, first) in counted.items() if (year, month) not in stored]
    )


def renumber_categories():
    """Number each category's posts 1, 2, 3… in rank order; each category's size is its highest number.

    A category's archive holds the posts of every category below it too, as a
    WordPress category archive does.
    """
    placements = CategoryPlacement._meta.db_table
    filings = Post.categories.through._meta.db_table
    posts = Post._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f'DELETE FROM "{placements}"')
        cursor.execute(
            f'INSERT INTO "{placements}" (category_id, rank, post_id) '
            "SELECT filing.category_id, ROW_NUMBER() OVER "
            "(PARTITION BY filing.category_id ORDER BY post.rank, post.id), filing.post_id "
            f'FROM "{filings}" AS filing JOIN "{posts}" AS post ON post.id = filing.post_id'
        )
        for category, family in _families().items():
            marks = ", ".join(["%s"] * len(family))
            cursor.execute(f'DELETE FROM "{placements}" WHERE category_id = %s', [category])
            cursor.execute(
                f'INSERT INTO "{placements}" (category_id, rank, post_id) '
                "SELECT %s, ROW_NUMBER() OVER (ORDER BY post.rank, post.id), post.id "
                f'FROM "{posts}" AS post WHERE post.id IN '
                f'(SELECT post_id FROM "{filings}" WHERE category_id IN ({marks}))',
                [category, *family],
            )
    count_categories()


def _families():
    """Each category that has others below it: its id → its own and every one below it (a loop ends a walk)."""
    children = {}
    for pk, parent in Category.objects.filter(parent__isnull=False).values_list("pk", "parent"):
        children.setdefault(parent, []).append(pk)
    families = {}
    for top in children:
        family, waiting = {top}, list(children[top])
        while waiting:
            pk = waiting.pop()
            if pk not in family:
                family.add(pk)
                waiting.extend(children.get(pk, ()))
        families[top] = sorted(family)
    return families


def count_categories():
    """Each category's size: its highest placement, since placements are numbered 1, 2, 3…"""
    highest = CategoryPlacement.objects.filter(category=OuterRef("pk")).order_by("-rank").values("rank")[:1]
    Category.objects.update(post_count=Coalesce(Subquery(highest), 0))


def renumber_outlets(posts=None):
    """Number the briefings citing each outlet 1, 2, 3… in rank order (a briefing citing it twice once); each
    outlet's size is its highest number.

    ``posts`` (ids): only the outlets these posts cite, or were placed under
    before their sources changed; every outlet if None. An editor's change of
    one source renumbers its outlets' few hundred rows, not every outlet's.
    """
    _renumber_among(OutletPlacement, Outlet, "outlet", Source, posts)


def renumber_tags(posts=None):
    """Number the posts of each tag 1, 2, 3… in rank order; each tag's size is its highest number.

    ``posts`` (ids): only the tags these posts have, or had before their tags
    changed; every tag if None.
    """
    _renumber_among(TagPlacement, Tag, "tag", Post.tags.through, posts)


def _renumber_among(placement, owner, field, links, posts):
    """Rebuild ``placement`` (an outlet's or a tag's) from ``links``, rows of (``field``_id, post_id), and the
    owners' sizes: of the owners of ``posts`` (ids) alone, or all if None."""
    column = f"{field}_id"
    only, params = "", []
    if posts is not None and len(posts) > 500:
        posts = None  # finding the owners of so many would cost more than renumbering them all
    if posts is not None:
        owners = set(placement.objects.filter(post_id__in=posts).values_list(column, flat=True))
        owners |= set(links.objects.filter(post_id__in=posts).values_list(column, flat=True))
        if not owners:
            return
        params = sorted(owners)
        only = f" WHERE {column} IN ({', '.join(['%s'] * len(params))})"
    placements, posts_table = placement._meta.db_table, Post._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f'DELETE FROM "{placements}"{only}', params)
        cursor.execute(
            f'INSERT INTO "{placements}" ({column}, rank, post_id) '
            f"SELECT linked.{column}, ROW_NUMBER() OVER "
            f"(PARTITION BY linked.{column} ORDER BY post.rank, post.id), linked.post_id "
            f'FROM (SELECT DISTINCT {column}, post_id FROM "{links._meta.db_table}"{only}) AS linked '
            f'JOIN "{posts_table}" AS post ON post.id = linked.post_id',
            params,
        )
    _count_among(placement, owner, field, None if posts is None else params)


def count_outlets(outlets=None):
    """Each outlet's size (of ``outlets``, ids, if given): its highest placement."""
    _count_among(OutletPlacement, Outlet, "outlet", outlets)


def _count_among(placement, owner, field, chosen):
    highest = placement.objects.filter(**{field: OuterRef("pk")}).order_by("-rank").values("rank")[:1]
    owners = owner.objects.all() if chosen is None else owner.objects.filter(pk__in=chosen)
    owners.update(post_count=Coalesce(Subquery(highest), 0))


# Comment counts -----------------------------------------------------------------------------------


def recount_comments(posts=None):
    """Count the approved comments of ``posts`` (a queryset of posts; every post if None)."""
    approved = (
        Comment.objects.filter(post=OuterRef("pk"), status=Comment.Status.APPROVED)
        .order_by().values("post").annotate(count=Count("pk")).values("count")
    )
    (Post.objects.all() if posts is None else posts).update(approved_comment_count=Coalesce(Subquery(approved), 0))
