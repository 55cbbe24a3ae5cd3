"""Paginators that find a page by rank, so that page 6 000 costs what page 1 costs."""

from django.core.paginator import Paginator
from django.db.models import Max
from django.utils.functional import cached_property


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
        posts = self.object_list.filter(rank__gt=bottom, rank__lte=bottom + self.per_page).order_by("rank")
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
        posts = self.object_list.filter(
            placements__category=self.category,
            placements__rank__gt=bottom,
            placements__rank__lte=bottom + self.per_page,
        ).order_by("placements__rank")
        return self._get_page(posts, number, self)
