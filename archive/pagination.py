"""Paginators that find a page by rank, so that page 6 000 costs what page 1 costs.

Each pages through the posts as listings show them (Post.objects.for_listing(),
the view's queryset), with the page's query compiled once per process
(archive.compiled): only the ranks and the category change from page to page.
"""

from django.core.paginator import Paginator
from django.db.models import Max
from django.utils.functional import cached_property

from .compiled import CompiledQuery
from .models import Post

ARCHIVE_PAGE = CompiledQuery(
    lambda bottom, top: Post.objects.for_listing().filter(rank__gt=bottom, rank__lte=top).order_by("rank")
)
CATEGORY_PAGE = CompiledQuery(
    lambda category, bottom, top: Post.objects.for_listing()
    .filter(placements__category=category, placements__rank__gt=bottom, placements__rank__lte=top)
    .order_by("placements__rank")
)


class RankPaginator(Paginator):
    """Pages of the whole archive by Post.rank: an index range, never an OFFSET scan.

    Ranks run from 1 to the number of posts, so the highest rank is the count:
    one index lookup instead of counting every post.
    """

    @cached_property
    def count(self):
        return self.object_list.model.objects.aggregate(count=Max("rank"))["count"] or 0

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        posts = ARCHIVE_PAGE(bottom, bottom + self.per_page, using=self.object_list.db)
        return self._get_page(posts, number, self)


class PlacementPaginator(Paginator):
    """Pages of one category's archive, by the posts' placements in it."""

    def __init__(self, object_list, per_page, *, category, **kwargs):
        self.category = category
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
        posts = CATEGORY_PAGE(self.category.pk, bottom, bottom + self.per_page, using=self.object_list.db)
        return self._get_page(posts, number, self)
