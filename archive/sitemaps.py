"""The sitemap: every post and every page of every post list.

Each section is split into sitemaps of at most 50 000 URLs, listed by the
sitemap index at /sitemap.xml, so the archive can grow past that limit.
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import Count, Max
from django.urls import reverse

from .models import Category, CategoryPlacement, Outlet, Post
from .pagination import RankPaginator


class PostSitemap(Sitemap):
    # Small sitemaps, each a range of ranks: any one of them is quick to make.
    limit = 1000

    def items(self):
        return Post.objects.only("slug", "updated", "rank")

    @property
    def paginator(self):
        return RankPaginator(self.items(), self.limit)

    def lastmod(self, post):
        return post.updated

    def get_latest_lastmod(self):
        return Post.objects.aggregate(latest=Max("updated"))["latest"]


class ListPagesSitemap(Sitemap):
    """The pages of paginated post lists: page 1 at a list's own URL, then …/page/N/."""

    url_name = ""

    def lists(self):
        """(URL kwargs, number of posts) for each list."""
        raise NotImplementedError

    def items(self):
        return [
            (kwargs, number)
            for kwargs, post_count in self.lists()
            for number in Paginator(range(post_count), settings.POSTS_PER_PAGE).page_range
        ]

    def location(self, item):
        kwargs, number = item
        if number == 1:
            return reverse(self.url_name, kwargs=kwargs)
        return reverse(f"{self.url_name}_page", kwargs={**kwargs, "page": number})


class ArchivePagesSitemap(ListPagesSitemap):
    url_name = "archive:index"

    def lists(self):
        # Ranks run from 1 to the number of posts.
        return [({}, Post.objects.aggregate(count=Max("rank"))["count"] or 0)]


class CategoryPagesSitemap(ListPagesSitemap):
    url_name = "archive:category"

    def lists(self):
        counts = dict(
            CategoryPlacement.objects.values("category_id").annotate(count=Max("rank")).values_list("category_id", "count")
        )
        return [({"slug": slug}, counts.get(pk, 0)) for pk, slug in Category.objects.order_by("slug").values_list("pk", "slug")]


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
