"""Date archives at WordPress's paths: a year's, a month's and a day's posts, newest first, by the site's time zone."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.timezone import localtime

from archive import derived
from archive.models import Month, Post

from .helpers import page_text

UTC = datetime.UTC


def post(title, *moment):
    return Post.objects.create(
        title=title, body=f"The text of {title}.", published=datetime.datetime(*moment, tzinfo=UTC) if moment else None
    )


@pytest.fixture
def dated(db):
    post("Early January", 2013, 1, 10, 9, 0)
    post("Late on the tenth", 2013, 1, 10, 18, 0)
    post("End of January", 2013, 1, 25, 12, 0)
    post("March", 2013, 3, 5, 12, 0)
    post("New Year's Eve", 2012, 12, 31, 20, 0)
    post("A capture without a date")


def titles_on(response):
    return [shown.title for shown in response.context["posts"]]


def test_a_year_a_month_and_a_day_list_their_posts_newest_first(client, dated):
    year = client.get("/2013/")
    assert titles_on(year) == ["March", "End of January", "Late on the tenth", "Early January"]
    assert "<h1>Yearly Archives: 2013</h1>" in year.content.decode()
    month = client.get("/2013/01/")
    assert titles_on(month) == ["End of January", "Late on the tenth", "Early January"]
    assert "<title>Monthly Archives: January 2013 | Briefings</title>" in month.content.decode()
    day = client.get("/2013/01/10/")
    assert titles_on(day) == ["Late on the tenth", "Early January"]
    assert "<h1>Daily Archives: January 10, 2013</h1>" in day.content.decode()


def test_neighbouring_periods_are_those_with_posts(client, dated):
    # No post in February 2013: January's neighbours are March and December.
    text = page_text(client.get("/2013/01/"))
    assert "← March 2013" in text and "December 2012 →" in text
    html = client.get("/2013/01/10/").content.decode()
    assert '<a href="/2013/01/25/">← January 25, 2013</a>' in html
    assert '<a href="/2012/12/31/">December 31, 2012 →</a>' in html
    newest = page_text(client.get("/2013/"))
    assert "2012 →" in newest and "←" not in newest.split("Yearly Archives")[1].split("March")[0]


def period_links(response):
    return [(rel, name) for rel, name, _ in response.context["period_links"]]


def test_the_first_and_last_days_link_only_inwards(client, dated):
    # The oldest day's next post in the archive's order is the capture without a date: it is no day.
    assert period_links(client.get("/2012/12/31/")) == [("newer", "January 10, 2013")]
    assert period_links(client.get("/2013/03/05/")) == [("older", "January 25, 2013")]
    assert period_links(client.get("/2013/01/25/")) == [("newer", "March 5, 2013"), ("older", "January 10, 2013")]


def test_neighbouring_days_are_the_site_time_zone_s(client, dated, settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    call_command("renumber_archive", stdout=io.StringIO())
    # In Beijing New Year's Eve (20:00 UTC) falls on January 1, and the tenth's evening post (18:00 UTC) on the
    # eleventh.
    assert period_links(client.get("/2013/01/10/")) == [("newer", "January 11, 2013"), ("older", "January 1, 2013")]
    first_day = client.get("/2013/01/01/")
    assert period_links(first_day) == [("newer", "January 10, 2013")]
    assert '<a href="/2013/01/10/">← January 10, 2013</a>' in first_day.content.decode()


@pytest.mark.parametrize("url", ["/2013/02/", "/2014/", "/2013/01/11/", "/2013/13/", "/2013/02/30/", "/0000/"])
def test_a_period_without_posts_or_a_date_that_does_not_exist_is_not_found(client, dated, url):
    assert client.get(url).status_code == 404


def test_posts_without_a_date_are_in_no_date_archive(client, dated):
    for url in ("/2013/", "/2012/", "/2013/01/", "/2012/12/31/"):
        assert "A capture without a date" not in titles_on(client.get(url))


def test_periods_are_the_site_time_zone_s(client, dated, settings):
    assert titles_on(client.get("/2012/")) == ["New Year's Eve"]
    # 20:00 UTC on December 31 is already January 1 in Beijing.
    settings.TIME_ZONE = "Asia/Shanghai"
    assert "New Year's Eve" in titles_on(client.get("/2013/01/01/"))
    # The months are counted in the new zone by the command the README names for a change of TIME_ZONE.
    call_command("renumber_archive", stdout=io.StringIO())
    assert client.get("/2012/").status_code == 404 and client.get("/2012/12/").status_code == 404
    assert titles_on(client.get("/2013/01/"))[-1] == "New Year's Eve"
    assert (2012, 12) not in [(year, month) for year, month, _ in months()]


def test_a_long_month_has_pages_found_by_rank(client, db):
    for day in range(1, 12):
        post(f"May {day}", 2013, 5, day, 12, 0)
    post("Later", 2013, 6, 1, 12, 0)
    post("Earlier", 2013, 4, 1, 12, 0)
    first, second = client.get("/2013/05/"), client.get("/2013/05/page/2/")
    assert titles_on(first) + titles_on(second) == [f"May {day}" for day in range(11, 0, -1)]
    assert "<h1>Monthly Archives: May 2013 – page 2</h1>" in second.content.decode()
    assert client.get("/2013/05/page/1/").status_code == 301
    assert client.get("/2013/05/page/3/").status_code == 404
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        client.get("/2013/05/page/2/")
    queries = [query["sql"] for query in captured.captured_queries]
    assert len([sql for sql in queries if '"rank" >' in sql]) == 1
    assert not any("OFFSET" in sql.upper() for sql in queries)


def test_post_pages_mark_their_date(client, dated):
    html = client.get(Post.objects.get(title="March").get_absolute_url()).content.decode()
    assert '<time datetime="2013-03-05T12:00:00+00:00">March 5, 2013</time>' in html


@pytest.mark.parametrize("url, pinned", [("/2013/", 3), ("/2013/05/", 3), ("/2013/05/page/2/", 3), ("/2013/05/20/", 4)])
def test_a_date_archive_costs_the_same_queries_however_many_posts(client, db, url, pinned):
    # Whether the period has 9 posts or 90. A year or a month: the months' rows (its size, its first place
    # and its neighbours), the page's posts (with their categories, tags and sources), the footer's pages. A
    # day: its first place with its number of posts (none: a 404), the two posts ranked either side of it (its
    # neighbouring days), the page's posts, the footer's pages.
    def queries():
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    with derived.batch():  # the ranks and months counted once, not after each post
        for number in range(9):
            post(f"Post {number}", 2013, 5, 20, 1 + number, 0)
        post("Before", 2012, 1, 1, 12, 0)
        post("After", 2014, 1, 1, 12, 0)
    few = queries()
    with derived.batch():
        for number in range(81):
            post(f"More {number}", 2013, 5, 20, 12, number % 60)
    assert few == queries() == pinned


def months():
    """(year, month, number of posts) of each month with posts, the newest first; each month's first rank checked
    against its posts."""
    for row in Month.objects.all():
        ranks = [post.rank for post in Post.objects.exclude(published=None)
                 if (localtime(post.published).year, localtime(post.published).month) == (row.year, row.month)]
        assert row.first_rank == min(ranks) and max(ranks) == row.first_rank + row.post_count - 1
    return list(Month.objects.values_list("year", "month", "post_count"))


def test_the_date_index_lists_every_month_with_posts_and_charts_them(client, dated):
    response = client.get("/dates/")
    text = page_text(response)
    assert "Archives by date" in text
    # Newest first, as the archive runs.
    assert "2013 (4 posts) March (1 post) January (3 posts) 2012 (1 post) December (1 post)" in text
    html = response.content.decode()
    assert '<a href="/2013/01/">January</a>' in html and '<a href="/2012/">2012</a>' in html
    # One bar a month from December 2012 to March 2013, February's empty.
    assert html.count("<rect ") == 4
    assert "<title>February 2013: 0</title>" in html and "<title>January 2013: 3</title>" in html
    assert "Posts a month from December 2012 to March 2013; the most, 3, in January 2013." in text
    # Every page links it.
    assert '<a href="/dates/">Dates</a>' in client.get("/").content.decode()


def test_the_months_follow_every_change_of_the_posts(db):
    first = post("First", 2013, 1, 10, 9, 0)
    post("Undated")
    assert months() == [(2013, 1, 1)]
    second = post("Second", 2013, 1, 20, 9, 0)
    assert months() == [(2013, 1, 2)]
    second.published = datetime.datetime(2013, 4, 1, tzinfo=UTC)
    second.save()
    assert months() == [(2013, 4, 1), (2013, 1, 1)]
    first.delete()
    assert months() == [(2013, 4, 1)]


def test_an_import_counts_the_months_once_at_its_end(db, tmp_path):
    from archive.importing.exports import import_exports
    from tests.wordpress.helpers import FIXTURES

    import_exports([FIXTURES / "classic.xml"], workers=0)
    expected = {}
    for moment in Post.objects.exclude(published=None).values_list("published", flat=True):
        expected[(moment.year, moment.month)] = expected.get((moment.year, moment.month), 0) + 1
    assert months() == sorted(((*key, count) for key, count in expected.items()), reverse=True)
    assert months()


def test_the_date_index_costs_the_same_queries_however_many_months(client, db):
    def queries():
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/dates/").status_code == 200
        return len(captured.captured_queries)

    post("One", 2013, 1, 1, 12, 0)
    few = queries()
    with derived.batch():  # the ranks and months counted once, not after each post
        for year in range(2000, 2010):
            for month in range(1, 13):
                post(f"{year}-{month}", year, month, 2, 12, 0)
    assert few == queries() == 2


def test_the_sitemap_has_the_date_index_and_every_year_and_month_page(client, dated):
    for number in range(8):
        post(f"More of March {number}", 2013, 3, 6, 12, number)
    from tests.pages.test_sitemap import sitemap_urls

    urls = sitemap_urls(client)
    dates = [url for url in urls if url.split("/")[1][:1].isdigit() or url == "/dates/"]
    assert dates == ["/dates/", "/2012/", "/2013/", "/2013/page/2/", "/2012/12/", "/2013/01/", "/2013/03/",
                     "/2013/03/page/2/"]
    for url in dates:
        assert client.get(url).status_code == 200, url
