"""Posts as pages list them: the columns a post query reads with each post, and what they give.

A page of posts shows each post's categories, cited sources and comment count.
They come in the query that reads the posts, as correlated subqueries
(archive.related_rows): the ids of its categories, its sources, its number of
approved comments. with_categories_and_sources() turns them into the post's
``filed_under`` and ``cited_sources``.
"""

from datetime import date

from django.db import models
from django.db.models.expressions import RawSQL

from .caching import categories_by_id, outlets_by_id
from .models import Comment, Post, Source
from .related_rows import RelatedRows, loaded, rows


def with_categories_and_sources(posts, request=None):
    """The posts as a list, each with its categories and cited sources.

    They fill ``post.filed_under`` and ``post.cited_sources`` from the two
    JSON columns that Post.objects.for_listing() reads with each post
    (archive.related_rows): no query of their own. The columns hold ids; the
    categories and outlets themselves come from the archive's per-generation
    maps (archive.caching; ``request`` is the page's, whose generation is read
    already), so every list page shares the same few objects.
    """
    posts = list(posts)
    completing, seen = [], set()
    for post in posts:
        if id(post) in seen or "cited_sources" in post.__dict__:
            continue  # listed twice, or completed already
        if "category_rows" not in post.__dict__:
            raise TypeError("with_categories_and_sources() needs posts from Post.objects.for_listing()")
        seen.add(id(post))
        completing.append((post, rows(post.__dict__.pop("category_rows")), rows(post.__dict__.pop("source_rows"))))
    if not completing:
        return posts
    # Both maps whatever the posts hold: a page type costs the same queries whatever its posts.
    categories = categories_by_id(request, {category_id for _, filed, _ in completing for (category_id,) in filed})
    outlets = outlets_by_id(request, {row[1] for _, _, cited in completing for row in cited})
    for post, filed, cited in completing:
        db = post._state.db
        filed_under = [categories[category_id] for (category_id,) in filed if category_id in categories]
        post.filed_under = sorted(filed_under, key=lambda category: category.name_order)
        post.cited_sources = []
        for source_id, outlet_id, cited_on, url, position in cited:
            if outlet_id not in outlets:
                continue  # deleted while this page was made: the next generation's page shows none of it
            source = loaded(
                Source, db, id=source_id, post_id=post.pk, outlet_id=outlet_id,
                date=date.fromisoformat(cited_on), url=url, position=position,
            )
            # What ``source.outlet = …`` does, without its checks.
            source._state.fields_cache["outlet"] = outlets[outlet_id]
            post.cited_sources.append(source)
    return posts


def categories_of_post():
    """The ids of a post's categories, as a JSON column of a post query."""
    filings, posts = Post.categories.through._meta.db_table, Post._meta.db_table
    return RelatedRows(['f."category_id"'], f'FROM "{filings}" f WHERE f."post_id" = "{posts}"."id"', order='f."category_id"')


def sources_of_post():
    """A post's cited sources in its order, as a JSON column of a post query."""
    sources, posts = Source._meta.db_table, Post._meta.db_table
    return RelatedRows(
        ['s."id"', 's."outlet_id"', 's."date"', 's."url"', 's."position"'],
        f'FROM "{sources}" s WHERE s."post_id" = "{posts}"."id"',
        order='s."position"',
    )


def approved_comment_count():
    """The number of a post's approved comments, as a column of a post query.

    Written out in SQL because every list page compiles it: the same correlated
    subquery built from querysets takes several times longer to compile than
    the database takes to run it.
    """
    comments, posts = Comment._meta.db_table, Post._meta.db_table
    return RawSQL(
        f'SELECT COUNT(*) FROM "{comments}" WHERE "{comments}"."post_id" = "{posts}"."id" '
        f'AND "{comments}"."status" = %s',
        [Comment.Status.APPROVED],
        output_field=models.IntegerField(),
    )
