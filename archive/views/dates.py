"""Date archives: the posts of a year, a month or a day, at WordPress's own paths (/2013/, /2013/01/, /2013/01/10/),
and the date index (/dates/), every month with posts.

Django's date-based views read the date from the path, find its bounds in the
site's time zone, answer 404 for a period without posts or a date that does not
exist, and find the neighbouring periods that have posts. Only posts with a
known date are in them (captures without one never are). The archive's order
puts dated posts first, newest first, so a period's posts are one stretch of
ranks: its pages are found by rank (archive.views.pagination), as the archive's
own are, however many posts the period holds. A year's or a month's stretch and
its neighbours come from the months' rows (archive.models.Month), one small
query. A day's stretch comes from the posts' dates, and its neighbours are the
days of the posts ranked just before and after it: two small queries, wherever
the day lies.
"""

import bisect
import datetime

from django.db.models import Count, Min
from django.http import Http404
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.dates import MONTHS
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.views.generic import DayArchiveView, ListView, MonthArchiveView, YearArchiveView

from ..models import Month, Post
from ..web.paths import path_maker
from .lists import PostListMixin
from .pagination import RankPaginator

PARTS = ("year", "month", "day")


class DateArchiveMixin(PostListMixin):
    """A period's posts, with links to the periods before and after it that have posts."""

    date_field = "published"
    # A post's date is the blog's: none is hidden for being ahead of the server's clock.
    allow_future = True
    month_format, day_format = "%m", "%d"
    make_object_list = True  # a year's page lists its posts, as a month's does
    period = ""  # "year", "month" or "day"
    archive_title, heading_format = "", ""  # "Monthly Archives", and how it names the period (Django's date format)

    def get_queryset(self):
        # What Django's date-based views read to find the period and its neighbours: the dates and places alone
        # (their whole rows, texts and all, cost the neighbours' lookups on PostgreSQL most of a page's time).
        return Post.objects.only("published", "rank")

    def get_dated_queryset(self, **lookup):
        # The period's posts. Whether it has any is told by its stretch of ranks (get_paginator): the
        # date-based views' own check for an empty period would be one query more.
        self.period_posts = self.get_queryset().filter(**lookup)
        return self.period_posts

    def get_date_list(self, queryset, date_type=None, ordering="ASC"):
        return None  # no list of the period's months or days on its page: the date index has them

    def get_paginator(self, queryset, per_page, **kwargs):
        first, count = self.stretch
        if not count:
            raise Http404("No posts in this period.")
        # The period's posts as every list reads them (``defer(None)``: all their fields again, then for_listing's).
        posts = queryset.defer(None).for_listing()
        return RankPaginator(posts, per_page, count=count, after=first - 1, **kwargs)

    @cached_property
    def stretch(self):
        """(first rank, number of posts) of the period's posts in the archive's order."""
        # One query, read from the index of (published, rank) alone. (Asked for MIN of the ranks alone,
        # PostgreSQL chose to walk the rank index from the archive's start, reading every newer post: 190 ms
        # for a month deep in a 100 000-post archive; with the count beside it, it reads the period's rows.)
        # period_posts: set by get_dated_queryset, which the date-based views call first.
        found = self.period_posts.order_by().aggregate(first=Min("rank"), count=Count("*"))
        return found["first"], found["count"]

    def url_kwargs(self):
        return {part: self.kwargs[part] for part in PARTS if part in self.kwargs}

    def get_context_data(self, **kwargs):
        self.date = kwargs[self.period]  # the period's first day, from the date-based view
        context = super().get_context_data(**kwargs)
        # Newer first, as the archive's pages run: the newer period on the left, the older on the right.
        context["period_links"] = [
            link for link in (
                self.period_link(kwargs[f"next_{self.period}"], "newer"),
                self.period_link(kwargs[f"previous_{self.period}"], "older"),
            ) if link
        ]
        return context

    def list_title(self):
        return f"{self.archive_title}: {formats.date_format(self.date, self.heading_format)}"

    def period_link(self, date, rel):
        """(newer or older, the period's name, its URL) of a neighbouring period with posts; None if none."""
        if date is None:
            return None
        values = {"year": f"{date.year:04}", "month": f"{date.month:02}", "day": f"{date.day:02}"}
        parts = PARTS[: PARTS.index(self.period) + 1]
        url = reverse(f"archive:{self.period}", kwargs={part: values[part] for part in parts})
        return rel, formats.date_format(date, self.heading_format), url


class ByMonthsMixin(DateArchiveMixin):
    """A year or a month: its stretch of ranks and its neighbours, from the months' rows (one query)."""

    @cached_property
    def periods(self):
        """{period: [first rank, number of posts]} of every period with posts, the oldest first; a period is
        (year,) on a year's page, (year, month) on a month's."""
        periods = {}
        rows = Month.objects.order_by("year", "month").values_list("year", "month", "post_count", "first_rank")
        for year, month, count, first in rows:
            found = periods.setdefault((year,) if self.period == "year" else (year, month), [first, 0])
            found[0], found[1] = min(found[0], first), found[1] + count
        return periods

    @cached_property
    def this_period(self):
        """The page's period, (year,) or (year, month), from its path (which the date-based view checked)."""
        return tuple(int(value) for value in self.url_kwargs().values())

    @cached_property
    def stretch(self):
        return tuple(self.periods.get(self.this_period, (None, 0)))

    def neighbour(self, later):
        """The first day of the nearest period after (or before) this one that has posts; None if none."""
        periods = list(self.periods)
        if later:
            index = bisect.bisect_right(periods, self.this_period)
        else:
            index = bisect.bisect_left(periods, self.this_period) - 1
        if not 0 <= index < len(periods):
            return None
        nearest = periods[index]
        return datetime.date(nearest[0], nearest[1] if self.period == "month" else 1, 1)


class YearView(ByMonthsMixin, YearArchiveView):
    """/YYYY/: the year's posts, newest first."""

    url_name, period = "archive:year", "year"
    archive_title, heading_format = "Yearly Archives", "Y"

    def get_next_year(self, date):
        return self.neighbour(later=True)

    def get_previous_year(self, date):
        return self.neighbour(later=False)


class MonthView(ByMonthsMixin, MonthArchiveView):
    """/YYYY/MM/: the month's posts, newest first."""

    url_name, period = "archive:month", "month"
    archive_title, heading_format = "Monthly Archives", "F Y"

    def get_next_month(self, date):
        return self.neighbour(later=True)

    def get_previous_month(self, date):
        return self.neighbour(later=False)


class DayView(DateArchiveMixin, DayArchiveView):
    """/YYYY/MM/DD/: the day's posts, newest first."""

    url_name, period = "archive:day", "day"
    archive_title, heading_format = "Daily Archives", "F j, Y"

    def get_next_day(self, date):
        return self.neighbours[0]

    def get_previous_day(self, date):
        return self.neighbours[1]

    @cached_property
    def neighbours(self):
        """(newer, older): the nearest days after and before this one that have posts; None where there is none.

        Dated posts come first in the archive's order, newest first: the post ranked just above the day's
        stretch is the oldest of the next day with posts, and the one just below it the newest of the day before.
        One lookup of two ranks: Django's view would look for each neighbour by date, a query each.
        """
        first, count = self.stretch
        if not count:
            return None, None
        around = (first - 1, first + count)
        posts = Post.objects.filter(rank__in=around).exclude(published=None).order_by()
        dates = dict(posts.values_list("rank", "published"))
        return tuple(timezone.localdate(dates[rank]) if rank in dates else None for rank in around)

    # A day's page links the neighbouring days alone: Django's view would also look up the neighbouring months.
    def get_next_month(self, date):
        return None

    def get_previous_month(self, date):
        return None


class DateIndexView(ListView):
    """/dates/: every year and month with posts, with their numbers, and a chart of posts per month."""

    template_name = "archive/date_index.html"
    context_object_name = "months"
    chart_height = 60  # the chart's height, in its own units; each month is a bar one unit wide

    def get_queryset(self):
        # Rows, not model instances: a blog of twenty years has 240 months.
        return Month.objects.values_list("year", "month", "post_count", named=True)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        months = list(context["months"])  # newest first
        year_path = path_maker("archive:year", ("year", "9999"))
        years = {}
        for row in months:
            if row.year not in years:
                # One reverse() a year, not one a month: a blog of twenty years has 240 months.
                month_path = path_maker("archive:month", ("month", "99"), year=f"{row.year:04}")
                years[row.year] = (month_path, [])
            years[row.year][1].append((str(MONTHS[row.month]), row.post_count, years[row.year][0](f"{row.month:02}")))
        context["years"] = [
            (year, sum(count for _, count, _ in entries), year_path(f"{year:04}"), entries)
            for year, (_, entries) in years.items()
        ]
        context["chart"] = self.chart(months[::-1])
        context["heading"] = "Archives by date"
        context["canonical_url"] = reverse("archive:dates")
        return context

    def chart(self, months):
        """Every month from the first with posts to the last, empty ones too: bars of posts a month."""
        if not months:
            return None
        counts = {(row.year, row.month): row.post_count for row in months}
        first, last = months[0], months[-1]
        highest = max(counts.values())
        bars = []
        year, month = first.year, first.month
        while (year, month) <= (last.year, last.month):
            count = counts.get((year, month), 0)
            height = round(self.chart_height * count / highest, 1)
            # One bar a month, written here rather than by the template: its numbers need no escaping, and a
            # blog of twenty years has 240 of them.
            bars.append(
                f'<rect x="{len(bars)}" y="{self.chart_height - height}" width="0.8" height="{height}">'
                f"<title>{escape(month_name(year, month))}: {count}</title></rect>"
            )
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        busiest = max(months, key=lambda row: (row.post_count, row.year, row.month))
        return {
            "bars": mark_safe("".join(bars)), "width": len(bars), "height": self.chart_height,
            "summary": (
                f"Posts a month from {month_name(first.year, first.month)} to {month_name(last.year, last.month)}; "
                f"the most, {busiest.post_count}, in {month_name(busiest.year, busiest.month)}."
            ),
        }


def month_name(year, month):
    """The month as the date format "F Y" writes it: "January 2013"."""
    return f"{MONTHS[month]} {year}"
