"""Each post's categories, tags and sources as pages show them, and the names search finds it by.

``Post.filed_and_cited`` (archive.models.filings) and ``Post.index_terms``
(archive.search.index) are read from the post's categories, tags and sources,
which live in rows of their own; ``refresh_filings`` reads them again.
"""

from collections import defaultdict

from django.db import DEFAULT_DB_ALIAS

from ..models import Post, Source
from ..models.filings import filed_and_cited
from ..search.index import index_terms

# Posts read and written at a time.
CHUNK = 500


def post_ids(posts):
    """The ids of ``posts``: posts, their ids, or a queryset of them."""
    if hasattr(posts, "values_list"):
        return list(posts.values_list("pk", flat=True))
    return [getattr(post, "pk", post) for post in posts]


def refresh_filings(posts):
    """Read the categories, tags and sources of ``posts`` (posts or their ids; a queryset too) into their rows.

    Four queries for each 500 posts, and one UPDATE of those whose values changed (only those: an UPDATE of
    the search terms makes SQLite's full-text index read the whole post again).
    """
    ids = post_ids(posts)
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        filings = read_filings(chunk)
        changed = []
        for post in Post.objects.filter(pk__in=chunk).only("index_terms", "filed_and_cited"):
            categories, tags, sources = filings[post.pk]
            shown = filed_and_cited(categories, tags, sources)
            terms = index_terms([category.name for category in categories], [outlet.name for outlet, _, _ in sources])
            if (shown, terms) != (post.filed_and_cited, post.index_terms):
                post.filed_and_cited, post.index_terms = shown, terms
                changed.append(post)
        Post.objects.bulk_update(changed, ["filed_and_cited", "index_terms"])


def read_filings(ids, *, post_model=Post, source_model=Source, using=DEFAULT_DB_ALIAS):
    """For each post id: (its categories, its tags, its sources as (outlet, date, url) in its order), read in three
    queries. A migration passes its own (historical) models."""
    filings = defaultdict(lambda: ([], [], []))
    for link in post_model.categories.through.objects.using(using).filter(post_id__in=ids).select_related("category"):
        filings[link.post_id][0].append(link.category)
    for link in post_model.tags.through.objects.using(using).filter(post_id__in=ids).select_related("tag"):
        filings[link.post_id][1].append(link.tag)
    cited = source_model.objects.using(using).filter(post_id__in=ids).select_related("outlet")
    for source in cited.order_by("post_id", "position"):
        filings[source.post_id][2].append((source.outlet, source.date, source.url))
    return filings
