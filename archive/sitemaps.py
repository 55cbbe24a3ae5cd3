"""The sitemap: every post and every page of every post list.

Each section is split into sitemaps of at most 250 posts or 1 000 list pages,
listed by the sitemap index at /sitemap.xml: any one of them is quick to make.
"""

import bisect
import itertools
import math
from collections.abc import Sequence

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Count, Max
from django.urls import reverse
from django.utils.functional import cached_property

from .caching import categories_by_slug, per_generation, post_count
from .links import link
from .models import Outlet, Post
from .pagination import SITEMAP_PAGE, RankPaginator


class PostSitemap(Sitemap):
    # Small sitemaps, each a range of ranks: any one of them is quick to make.
    limit = 250

    def items(self):
        # A sitemap needs two fields of each post; its paginator reads them with SITEMAP_PAGE.
        return Post.objects.only("slug", "updated")

    @property
    def paginator(self):
        return RankPaginator(self.items(), self.limit, page_query=SITEMAP_PAGE, count=post_count())

    @cached_property
    def post_path(self):
        # A post's path is the route's with its slug, which needs no quoting:
        # reversed once per sitemap instead of once per post.
        prefix, placeholder, suffix = reverse("archive:post", kwargs={"slug": "slug"}).rpartition("slug")
        return prefix, suffix

    def location(self, post):
        prefix, suffix = self.post_path
        return f"{prefix}{post.slug}{suffix}"

    def lastmod(self, post):
        return post.updated

    def get_latest_lastmod(self):
        return Post.objects.aggregate(latest=Max("updated"))["latest"]


class ListPages(Sequence):
    """Every page of several post lists, as (URL kwargs, page number), computed on demand.

    The index needs only how many there are, and each sitemap one slice: neither
    builds the tens of thousands of pages a large archive has.
    """

    def __init__(self, lists, per_page):
        self.lists = [kwargs for kwargs, _ in lists]
        # An empty list still has its first page, as the list's own view says.
        pages = [max(1, math.ceil(post_count / per_page)) for _, post_count in lists]
        self.starts = list(itertools.accumulate(pages, initial=0))

    def __len__(self):
        return self.starts[-1]

    def _item(self, index):
        which = bisect.bisect_right(self.starts, index) - 1
        return self.lists[which], index - self.starts[which] + 1

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._item(i) for i in range(*index.indices(len(self)))]
        if not -len(self) <= index < len(self):
            raise IndexError(index)
        return self._item(index % len(self))


class ListPagesSitemap(Sitemap):
    """The pages of paginated post lists: page 1 at a list's own URL, then …/page/N/."""

    url_name = ""
    limit = 1000

    def lists(self):
        """(URL kwargs, number of posts) for each list."""
        raise NotImplementedError

    def items(self):
        # Counting the posts of every list takes a scan of the archive: once per generation.
        lists = per_generation(f"sitemap:{type(self).__name__}", self.lists)
        return ListPages(lists, settings.POSTS_PER_PAGE)

    def location(self, item):
        kwargs, number = item
        if number == 1:
            return link(self.url_name, **kwargs)
        return link(f"{self.url_name}_page", **kwargs, page=number)


class ArchivePagesSitemap(ListPagesSitemap):
    url_name = "archive:index"

    def lists(self):
        return [({}, post_count())]


class CategoryPagesSitemap(ListPagesSitemap):
    url_name = "archive:category"

    def lists(self):
        return [({"slug": slug}, category.placement_count) for slug, category in categories_by_slug().items()]


class SourcePagesSitemap(ListPagesSitemap):
    url_name = "archive:source"

    def lists(self):
        outlets = Outlet.objects.annotate(post_count=Count("citations__post", distinct=True)).order_by("slug")
        return [({"slug": slug}, count) for slug, count in outlets.values_list("slug", "post_count")]


SITEMAPS = {
    "posts": PostSitemap,
    "archive": ArchivePagesSitemap,
    "categories": CategoryPagesSitemap,
    "sources": SourcePagesSitemap,
}
