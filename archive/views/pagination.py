"""Pages found by rank, so that page 6 000 costs what page 1 costs.

Every post has its place in the archive's order (``Post.rank``, 1 to the number
of posts), in each category it is filed under (``CategoryPlacement.rank``) and
among the briefings citing each outlet it cites (``OutletPlacement.rank``) and
among the posts of each of its tags (``TagPlacement.rank``), kept by
archive.derived with no gaps. Items N+1 to M of such a list are then the
posts ranked above N up to M: one index range, never an OFFSET that reads and
skips every post before them. ``ByRank`` slices a queryset that way, for
Django's own Paginator (list pages, through RankPaginator) and sitemaps alike.
"""

import math

from django.core.paginator import Paginator
from django.db.models import Max
from django.utils.functional import cached_property


def page_count(posts, per_page):
    """How many pages a list of ``posts`` posts has: an empty list still has its first page."""
    return max(1, math.ceil(posts / per_page))


class ByRank:
    """``posts``, a queryset, sliced by ranges of ``rank`` (a field or annotation numbered 1, 2, 3… with no gaps).

    What Django's Paginator asks of a list: ``count()`` (the highest rank, one
    index lookup, unless ``count`` is given) and slices, each a queryset.
    ``after``: the rank before the list's first, for a list that is a stretch of
    the archive's order (a month's posts: ranks 1 201 to 1 450).
    """

    def __init__(self, posts, *, rank="rank", count=None, after=0):
        self.posts, self.rank, self.after = posts, rank, after
        if count is not None:
            self.highest = count

    @cached_property
    def highest(self):
        return self.posts.aggregate(highest=Max(self.rank))["highest"] or 0

    def count(self):
        return self.highest

    def __len__(self):
        return self.highest

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step is not None:
            raise TypeError("ByRank takes slices of consecutive posts")
        bottom = self.after + (index.start or 0)
        top = self.after + (self.highest if index.stop is None else index.stop)
        return self.posts.filter(**{f"{self.rank}__gt": bottom, f"{self.rank}__lte": top}).order_by(self.rank)


class RankPaginator(Paginator):
    """Django's Paginator over ``object_list``, a queryset of posts, whose pages are ranges of ``rank``."""

    def __init__(self, object_list, per_page, *, rank="rank", count=None, after=0, **kwargs):
        super().__init__(ByRank(object_list, rank=rank, count=count, after=after), per_page, **kwargs)
