"""RSS and Atom feeds of the archive and of each category, and the pages that advertise them."""

from datetime import datetime, timezone
from html.parser import HTMLParser

import feedparser
import pytest
from django.conf import settings
from django.core.cache import cache

from archive.models import Category, Post

FEEDS = {"/feed/": "rss20", "/feed/atom/": "atom10"}
TECHNOLOGY_FEEDS = {"/category/technology/feed/": "rss20", "/category/technology/feed/atom/": "atom10"}
KYODO_URL = "https://china.kyodonews.net/news/2024/02/5147b37c47db–.html"
BATTERY_OPENING = "<p>IN THE BATTLE to control the critical industries of the future, score one for China."


def parse(client, url, version):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == version
    return feed


def entry(feed, title):
    (found,) = [item for item in feed.entries if item.title == title]
    return found


def add_posts(count, categories=(), **fields):
    for number in range(1, count + 1):
        post = Post.objects.create(title=f"Added post {number}", body=f"Added text {number}.", **fields)
        post.categories.set(categories)


@pytest.mark.parametrize("url, version", FEEDS.items())
def test_site_feed_holds_the_newest_posts_in_archive_order(client, seeded, url, version):
    feed = parse(client, url, version)
    assert feed.feed.title == settings.SITE_TITLE
    assert feed.feed.link == "http://testserver/"
    assert [item.title for item in feed.entries] == list(
        Post.objects.order_by("rank").values_list("title", flat=True)[: settings.FEED_SIZE]
    )
    assert len(feed.entries) == min(18, settings.FEED_SIZE)
    assert entry(feed, "Biden Kicks Xi When He’s Up").link == (
        "http://testserver" + Post.objects.get(title="Biden Kicks Xi When He’s Up").get_absolute_url()
    )


@pytest.mark.parametrize("url, version", FEEDS.items())
def test_site_feed_stops_at_feed_size(client, seeded, url, version):
    add_posts(settings.FEED_SIZE)
    feed = parse(client, url, version)
    newest = list(Post.objects.order_by("rank").values_list("title", flat=True)[: settings.FEED_SIZE])
    assert Post.objects.count() > settings.FEED_SIZE
    assert [item.title for item in feed.entries] == newest


@pytest.mark.parametrize("url, version", {**FEEDS, **TECHNOLOGY_FEEDS}.items())
def test_feed_items_carry_the_full_text_when_set_to(client, seeded, url, version, settings):
    settings.LISTS_SHOW = "full"
    feed = parse(client, url, version)
    battery = entry(feed, "China Steals A March In Global Battle For EV Battery Market").summary
    assert BATTERY_OPENING in battery
    assert "CATL, exploiting the opportunity, is considering opening a third battery factory" in battery
    chips = entry(feed, "US Stacks The Chips In High-Stakes High-Tech Game With China")
    assert "Extreme ultraviolet source, droplet generator" in chips.summary
    assert {tag.term for tag in chips.tags} == {"China-U.S.", "Technology"}


@pytest.mark.parametrize("url, version", FEEDS.items())
def test_briefings_in_the_feed_cite_their_sources(client, seeded, url, version, settings):
    settings.FEED_SIZE = 20  # every seed post, the briefings (oldest in the archive) included
    feed = parse(client, url, version)
    kyodo = entry(feed, "China Hacks and Leaks Confidential Japanese Diplomatic Cables").summary
    assert '<a href="http://testserver/source/kyodo-news/">Kyodo News</a>, February 5, 2024' in kyodo
    assert f">{KYODO_URL}</a>" in kyodo
    assert 'href="https://china.kyodonews.net/news/2024/02/5147b37c47db%E2%80%93.html"' in kyodo
    sullivan = entry(feed, Post.objects.get(title__startswith="People‘s Daily: Sullivan").title).summary
    assert "People’s Daily</a>, February 2, 2024" in sullivan
    assert "http://world.people.com.cn/n1/2024/0202/c1002-40172130.html" in sullivan
    assert "White House</a>, January 30, 2024" in sullivan


@pytest.mark.parametrize("url, version", TECHNOLOGY_FEEDS.items())
def test_category_feed_holds_the_categorys_posts_in_listing_order(client, seeded, url, version):
    technology = Category.objects.get(slug="technology")
    feed = parse(client, url, version)
    assert feed.feed.title == f"Technology | {settings.SITE_TITLE}"
    assert feed.feed.link == "http://testserver/category/technology/"
    assert [item.title for item in feed.entries] == list(
        technology.posts.in_listing_order().values_list("title", flat=True)
    )
    assert len(feed.entries) == 10
    assert "China Hacks and Leaks Confidential Japanese Diplomatic Cables" not in [
        item.title for item in feed.entries
    ]


def test_category_feed_stops_at_feed_size(client, seeded):
    technology = Category.objects.get(slug="technology")
    add_posts(settings.FEED_SIZE, categories=[technology])
    feed = parse(client, "/category/technology/feed/", "rss20")
    assert technology.posts.count() > settings.FEED_SIZE
    assert [item.title for item in feed.entries] == list(
        technology.posts.in_listing_order().values_list("title", flat=True)[: settings.FEED_SIZE]
    )


@pytest.mark.parametrize("url", ["/category/no-such-category/feed/", "/category/no-such-category/feed/atom/"])
def test_unknown_category_feed_is_404(client, seeded, url):
    assert client.get(url).status_code == 404


def test_dates_only_where_known(client, seeded):
    dated = Post.objects.create(
        title="A Dated Post", body="Text.", published=datetime(2024, 3, 1, 9, 30, tzinfo=timezone.utc)
    )
    rss = parse(client, "/feed/", "rss20")
    assert rss.entries[0].title == dated.title
    assert rss.entries[0].published_parsed[:5] == (2024, 3, 1, 9, 30)
    assert not any("published" in item for item in rss.entries[1:])

    atom = parse(client, "/feed/atom/", "atom10")
    assert atom.entries[0].published_parsed[:5] == (2024, 3, 1, 9, 30)
    assert atom.entries[0].updated_parsed[:5] == (2024, 3, 1, 9, 30)
    undated = Post.objects.get(title="Biden Kicks Xi When He’s Up")
    assert entry(atom, undated.title).updated_parsed[:6] == undated.updated.utctimetuple()[:6]
    assert all("updated" in item for item in atom.entries)
    assert not any("published" in item for item in atom.entries[1:])


@pytest.mark.parametrize(
    # The posts (with their categories, tags and sources, in their rows), and the category's feed its category.
    "url, queries", [("/feed/", 1), ("/feed/atom/", 1), ("/category/technology/feed/", 2)]
)
def test_feeds_take_a_fixed_number_of_queries(client, seeded, django_assert_num_queries, url, queries):
    with django_assert_num_queries(queries):
        client.get(url)
    technology = Category.objects.filter(slug="technology")
    add_posts(5, categories=technology, published=datetime(2024, 1, 1, tzinfo=timezone.utc))
    cache.clear()  # nothing of the first request's generation left
    with django_assert_num_queries(queries):
        client.get(url)


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag == "link":
            self.links.append(dict(attrs))


def feed_links(response):
    parser = _Links()
    parser.feed(response.content.decode())
    return {(link["type"], link["href"]) for link in parser.links if link.get("rel") == "alternate"}


SITE_FEED_LINKS = {
    ("application/rss+xml", "/feed/"), ("application/atom+xml", "/feed/atom/"),
    ("application/rss+xml", "/comments/feed/"),
}
TECHNOLOGY_FEED_LINKS = {
    ("application/rss+xml", "/category/technology/feed/"),
    ("application/atom+xml", "/category/technology/feed/atom/"),
}


@pytest.mark.parametrize(
    "url, status, links",
    [
        ("/", 200, SITE_FEED_LINKS),
        ("/page/2/", 200, SITE_FEED_LINKS),
        ("/post/biden-kicks-xi-when-hes-up/", 200, SITE_FEED_LINKS),
        ("/category/technology/", 200, SITE_FEED_LINKS | TECHNOLOGY_FEED_LINKS),
        ("/category/technology/page/2/", 200, SITE_FEED_LINKS | TECHNOLOGY_FEED_LINKS),
        ("/source/kyodo-news/", 200, SITE_FEED_LINKS),
        ("/no-such-page/", 404, SITE_FEED_LINKS),
    ],
    ids=["index", "index-page", "post", "category", "category-page", "source", "not-found"],
)
def test_every_page_advertises_its_feeds(client, seeded, url, status, links):
    response = client.get(url)
    assert response.status_code == status
    assert feed_links(response) == links
    for kind, href in links:
        parse(client, href, "rss20" if kind == "application/rss+xml" else "atom10")
