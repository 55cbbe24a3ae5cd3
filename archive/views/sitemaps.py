"""The sitemap: every post and standalone page, every page of the archive, of each category, tag, outlet, author,
year and month, and the date index.

Each section is split into sitemaps of at most 250 URLs,
listed by the sitemap index at /sitemap.xml: any one of them is quick to make.
The index asks each section for its size (and the posts' section for its
latest change too), a query each: the posts, the archive's pages, the pages of
categories, of outlets, of tags, of authors, the dates (the date index and the
pages of years and months, from the months' rows: one section, one query), the
standalone pages. The pages of categories, outlets, tags and authors are
counted by the database: a blog has thousands of tags, and the index would
otherwise read every one of them to learn a number.
"""

import bisect
import itertools
from collections.abc import Sequence

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import F, Max, Sum
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils.functional import cached_property

from ..models import Author, Category, Month, Outlet, Page, Post, Tag
from ..models.months import posts_by_year
from ..web.paths import path_maker
from .pagination import ByRank, page_count


class PostSitemap(Sitemap):
    # Small sitemaps, each a range of ranks, read from one index: any one of them is quick to make.
    limit = 250

    def items(self):
        # Rows, not model instances: making 250 Posts was a quarter of the sitemap's time.
        return ByRank(Post.objects.values_list("slug", "updated", named=True))

    @cached_property
    def post_path(self):
        # Made once per sitemap: Django makes a sitemap object for each request.
        return path_maker("archive:post", ("slug", "placeholder-slug"))

    def location(self, post):
        return self.post_path(post.slug)

    def lastmod(self, post):
        return post.updated

    def get_latest_lastmod(self):
        # A query of its own: SQLite reads a lone MAX from the end of an index, but MAX(rank) and MAX(updated)
        # together from every row.
        return Post.objects.aggregate(latest=Max("updated"))["latest"]


class ListPages(Sequence):
    """Every page of several post lists, as (URL name, URL kwargs, page number), computed on demand.

    The index needs only how many there are, and each sitemap one slice: neither
    builds the tens of thousands of pages a large archive has.
    """

    def __init__(self, lists, per_page):
        self.lists = [(url_name, kwargs) for url_name, kwargs, _ in lists]
        # An empty list still has its first page, as the list's own view says.
        pages = [page_count(post_count, per_page) for _, _, post_count in lists]
        self.starts = list(itertools.accumulate(pages, initial=0))

    def __len__(self):
        return self.starts[-1]

    def _item(self, index):
        which = bisect.bisect_right(self.starts, index) - 1
        return *self.lists[which], index - self.starts[which] + 1

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._item(i) for i in range(*index.indices(len(self)))]
        if not -len(self) <= index < len(self):
            raise IndexError(index)
        return self._item(index % len(self))


class ListPagesSitemap(Sitemap):
    """The pages of paginated post lists: page 1 at a list's own URL, then …/page/N/."""

    limit = 250
    listing_pages = False  # set by get_urls(): this sitemap lists its pages; the index asks only their number

    def lists(self):
        """(URL name, URL kwargs, number of posts) for each list."""
        raise NotImplementedError

    def page_total(self):
        """How many pages the lists have in all."""
        return len(ListPages(self.lists(), settings.POSTS_PER_PAGE))

    def items(self):
        if not self.listing_pages:
            # The index: a range as long as the pages are many is all it reads (Paginator.num_pages).
            return range(self.page_total())
        return ListPages(self.lists(), settings.POSTS_PER_PAGE)

    def get_urls(self, *args, **kwargs):
        self.listing_pages = True
        return super().get_urls(*args, **kwargs)

    @cached_property
    def paths(self):
        """Each list's path maker by its URL name and kwargs, made as its pages are first listed (once per
        sitemap)."""
        return {}

    def location(self, item):
        url_name, kwargs, number = item
        if number == 1:
            return reverse(url_name, kwargs=kwargs)
        key = (url_name, *sorted(kwargs.items()))
        if key not in self.paths:
            self.paths[key] = path_maker(f"{url_name}_page", ("page", 999_999_999), **kwargs)
        return self.paths[key](number)


class ArchivePagesSitemap(ListPagesSitemap):
    def lists(self):
        return [("archive:index", {}, Post.objects.highest_rank())]


class NamedListsSitemap(ListPagesSitemap):
    """Every page of each list of a kind named by its slug (``model``: Author, Category, Outlet, Tag), from the sizes
    kept with them; one without posts has none, unless ``empty_lists_have_pages``."""

    model, url_name = None, ""
    empty_lists_have_pages = False

    def named(self):
        return self.model.objects.all() if self.empty_lists_have_pages else self.model.objects.filter(post_count__gt=0)

    def lists(self):
        return [
            (self.url_name, {"slug": slug}, count)
            for slug, count in self.named().order_by("slug").values_list("slug", "post_count")
        ]

    def page_total(self):
        # page_count() of each list, added up by the database: one row read, however many lists.
        per_page = settings.POSTS_PER_PAGE
        pages = (F("post_count") + (per_page - 1)) / per_page  # whole numbers: the division rounds down
        return self.named().aggregate(total=Coalesce(Sum(Greatest(pages, 1)), 0))["total"]


class CategoryPagesSitemap(NamedListsSitemap):
    """Every page of each category's posts; an empty category still has its page, as the category's view says."""

    model, url_name = Category, "archive:category"
    empty_lists_have_pages = True


class SourcePagesSitemap(NamedListsSitemap):
    """Every page of each outlet's briefings."""

    model, url_name = Outlet, "archive:source"


class TagPagesSitemap(NamedListsSitemap):
    """Every page of each tag's posts."""

    model, url_name = Tag, "archive:tag"


class AuthorPagesSitemap(NamedListsSitemap):
    """Every page of each author's posts."""

    model, url_name = Author, "archive:author"


class DatePagesSitemap(ListPagesSitemap):
    """The date index, then every page of each year and each month with posts, from the months' rows (one
    query)."""

    def lists(self):
        months = list(Month.objects.order_by("year", "month").values_list("year", "month", "post_count"))
        if not months:
            return []
        return [
            ("archive:dates", {}, 1),  # one page
            *[("archive:year", {"year": f"{year:04}"}, count) for year, count in posts_by_year(months).items()],
            *[
                ("archive:month", {"year": f"{year:04}", "month": f"{month:02}"}, count)
                for year, month, count in months
            ],
        ]


class StandalonePagesSitemap(Sitemap):
    """The blog's standalone pages (About, Contact)."""

    def items(self):
        return Page.objects.order_by("slug").only("slug")

    @cached_property
    def path(self):
        # Made once per sitemap: Django makes a sitemap object for each request.
        return path_maker("archive:page", ("slug", "placeholder-slug"))

    def location(self, page):
        return self.path(page.slug)


SITEMAPS = {
    "posts": PostSitemap,
    "archive": ArchivePagesSitemap,
    "categories": CategoryPagesSitemap,
    "dates": DatePagesSitemap,
    "sources": SourcePagesSitemap,
    "tags": TagPagesSitemap,
    "authors": AuthorPagesSitemap,
    "pages": StandalonePagesSitemap,
}
