from django.urls import path, register_converter
from django.views.decorators.http import require_safe

from .views import feeds
from .views.authors import AuthorView
from .views.dates import DateIndexView, DayView, MonthView, YearView
from .views.indexes import CategoryIndexView, OutletIndexView
from .views.lists import ArchiveIndexView, CategoryView, SourceView, TagView
from .views.pages import PageView
from .views.posts import PostDetailView
from .views.search import SearchView


class PageNumberConverter:
    """Page numbers in paths: 2 and up. Page 1 is the listing's own URL."""

    regex = r"[0-9]{1,9}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


class DigitsConverter:
    """A year (4 digits) or a month or day (2) in a date archive's path, kept as written: the view reads the date."""

    regex = ""

    def to_python(self, value):
        return value

    def to_url(self, value):
        return str(value)


class YearConverter(DigitsConverter):
    regex = r"[0-9]{4}"


class TwoDigitsConverter(DigitsConverter):
    regex = r"[0-9]{2}"


register_converter(PageNumberConverter, "page")
register_converter(YearConverter, "year")
register_converter(TwoDigitsConverter, "two_digits")

app_name = "archive"
urlpatterns = [
    path("", ArchiveIndexView.as_view(), name="index"),
    path("page/<page:page>/", ArchiveIndexView.as_view(), name="index_page"),
    path("post/<slug:slug>/", PostDetailView.as_view(), name="post"),
    path("search/", SearchView.as_view(), name="search"),
    path("category/", CategoryIndexView.as_view(), name="categories"),
    path("category/<slug:slug>/", CategoryView.as_view(), name="category"),
    path("category/<slug:slug>/page/<page:page>/", CategoryView.as_view(), name="category_page"),
    path("tag/<slug:slug>/", TagView.as_view(), name="tag"),
    path("tag/<slug:slug>/page/<page:page>/", TagView.as_view(), name="tag_page"),
    path("author/<slug:slug>/", AuthorView.as_view(), name="author"),
    path("author/<slug:slug>/page/<page:page>/", AuthorView.as_view(), name="author_page"),
    path("pages/<slug:slug>/", PageView.as_view(), name="page"),
    path("dates/", DateIndexView.as_view(), name="dates"),
    path("<year:year>/", YearView.as_view(), name="year"),
    path("<year:year>/page/<page:page>/", YearView.as_view(), name="year_page"),
    path("<year:year>/<two_digits:month>/", MonthView.as_view(), name="month"),
    path("<year:year>/<two_digits:month>/page/<page:page>/", MonthView.as_view(), name="month_page"),
    path("<year:year>/<two_digits:month>/<two_digits:day>/", DayView.as_view(), name="day"),
    path("<year:year>/<two_digits:month>/<two_digits:day>/page/<page:page>/", DayView.as_view(), name="day_page"),
    path("source/", OutletIndexView.as_view(), name="outlets"),
    path("source/<slug:slug>/", SourceView.as_view(), name="source"),
    path("source/<slug:slug>/page/<page:page>/", SourceView.as_view(), name="source_page"),
    # Feeds answer GET and HEAD only, like every other reader's page.
    path("feed/", require_safe(feeds.ArchiveFeed()), name="feed"),
    path("feed/atom/", require_safe(feeds.ArchiveAtomFeed()), name="feed_atom"),
    path("category/<slug:slug>/feed/", require_safe(feeds.CategoryFeed()), name="category_feed"),
    path("category/<slug:slug>/feed/atom/", require_safe(feeds.CategoryAtomFeed()), name="category_feed_atom"),
    path("tag/<slug:slug>/feed/", require_safe(feeds.TagFeed()), name="tag_feed"),
    path("tag/<slug:slug>/feed/atom/", require_safe(feeds.TagAtomFeed()), name="tag_feed_atom"),
    path("author/<slug:slug>/feed/", require_safe(feeds.AuthorFeed()), name="author_feed"),
    path("author/<slug:slug>/feed/atom/", require_safe(feeds.AuthorAtomFeed()), name="author_feed_atom"),
    # The newest comments, where WordPress served them.
    path("comments/feed/", require_safe(feeds.CommentsFeed()), name="comments_feed"),
    path("comments/feed/atom/", require_safe(feeds.CommentsAtomFeed()), name="comments_feed_atom"),
]
