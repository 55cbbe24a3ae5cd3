"""Paginators that find a page by rank, so that page 6 000 costs what page 1 costs.

Each pages through ``object_list``, a queryset of posts. The archive's and the
categories' own pages give a ``page_query`` as well: the same posts, read with
a query compiled once per process (archive.compiled), since only the ranks and
the category change from page to page.
"""

from django.core.paginator import Paginator
from django.db.models import Max
from django.utils.functional import cached_property

from .compiled import CompiledQuery
from .models import Post


def ranked(posts, bottom, top):
    """The posts ranked above ``bottom``, up to ``top``, in rank order."""
    return posts.filter(rank__gt=bottom, rank__lte=top).order_by("rank")


def placed(posts, category, bottom, top):
    """The posts placed in ``category`` above ``bottom``, up to ``top``, in its order."""
    return posts.filter(
        placements__category=category, placements__rank__gt=bottom, placements__rank__lte=top
    ).order_by("placements__rank")


# The posts of an archive page, as listings show them.
ARCHIVE_PAGE = CompiledQuery(lambda bottom, top: ranked(Post.objects.for_listing(), bottom, top))
# The posts of a sitemap of posts: their slugs and dates, from one index.
SITEMAP_PAGE = CompiledQuery(lambda bottom, top: ranked(Post.objects.only("slug", "updated"), bottom, top))
# The posts of a category's page, as listings show them.
CATEGORY_PAGE = CompiledQuery(
    lambda category, bottom, top: placed(Post.objects.for_listing(), category, bottom, top)
)


class RankPaginator(Paginator):
    """Pages of the whole archive by Post.rank: an index range, never an OFFSET scan.

    Ranks run from 1 to the number of posts, so the highest rank is the count:
    one index lookup instead of counting every post, unless ``count`` is known
    already. ``page_query(bottom, top)``, if given, reads the posts ranked above
    ``bottom`` up to ``top`` in place of ``object_list``, and must hold the same posts.
    """

    def __init__(self, object_list, per_page, *, page_query=None, count=None, **kwargs):
        self.page_query = page_query
        if count is not None:
            self.count = count
        super().__init__(object_list, per_page, **kwargs)

    @cached_property
    def count(self):
        return self.object_list.model.objects.highest_rank()

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if self.page_query is not None:
            posts = self.page_query(bottom, top, using=self.object_list.db)
        else:
            posts = ranked(self.object_list, bottom, top)
        return self._get_page(posts, number, self)


class PlacementPaginator(Paginator):
    """Pages of one category's archive, by the posts' placements in it.

    ``page_query(category_id, bottom, top)``, if given, reads a page's posts in
    place of ``object_list``, and must hold the same posts.
    """

    def __init__(self, object_list, per_page, *, category, page_query=None, **kwargs):
        self.category = category
        self.page_query = page_query
        super().__init__(object_list, per_page, **kwargs)

    @cached_property
    def count(self):
        # Placements are numbered from 1: the highest rank is the count, often known already.
        known = getattr(self.category, "placement_count", None)
        if known is not None:
            return known
        return self.category.placements.aggregate(count=Max("rank"))["count"] or 0

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if self.page_query is not None:
            posts = self.page_query(self.category.pk, bottom, top, using=self.object_list.db)
        else:
            posts = placed(self.object_list, self.category, bottom, top)
        return self._get_page(posts, number, self)
