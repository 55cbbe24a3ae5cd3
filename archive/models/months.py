"""The months that have posts, and how many: the date index's data, kept by archive.derived."""

from django.db import models


def posts_by_year(months):
    """{year: number of posts} of (year, month, number of posts) rows, the years in the rows' order."""
    years = {}
    for year, _, count in months:
        years[year] = years.get(year, 0) + count
    return years


class MonthQuerySet(models.QuerySet):
    def years(self):
        """[(year, number of posts)] of every year with posts, the oldest first."""
        return list(posts_by_year(self.order_by("year", "month").values_list("year", "month", "post_count")).items())


class Month(models.Model):
    """A month, in the site's time zone (TIME_ZONE), with the number of posts dated in it and where they stand.

    Derived (archive.derived.ranks.count_months): counted again whenever the
    archive's order changes, so that the date index reads a few hundred rows
    instead of grouping every post on every request. The archive's order puts
    dated posts first, newest first, so a month's posts are ranks ``first_rank``
    to ``first_rank + post_count - 1``: a month's or a year's pages, and its
    neighbours, are read from these rows alone (archive.views.dates).
    """

    year = models.PositiveSmallIntegerField()
    month = models.PositiveSmallIntegerField()
    post_count = models.PositiveIntegerField()
    first_rank = models.PositiveIntegerField(null=True, editable=False)  # its newest post's rank

    objects = MonthQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-month"]
        constraints = [models.UniqueConstraint(fields=["year", "month"], name="one_row_a_month")]

    def __str__(self):
        return f"{self.year}-{self.month:02}: {self.post_count}"
