"""Made-up URLs neither fill the page cache nor push the rate limits out of it (finding 5)."""

import pytest
from django.core.management import call_command
from django.db import connection

from archive import derived
from archive.models import Comment, Post

TITLE = "Biden Kicks Xi When He’s Up"


@pytest.fixture
def database_caches(settings, seeded):
    """Production's caches without Redis: pages in one table, counters in another."""
    settings.PAGE_CACHE = True
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "test_page_cache",
            "OPTIONS": {"MAX_ENTRIES": 60, "CULL_FREQUENCY": 2},
        },
        "counters": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "test_counters"},
    }
    call_command("createcachetable", verbosity=0)


def entries(table):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table}")
        return cursor.fetchone()[0]


def test_a_thousand_junk_urls_add_no_cache_entries(client, database_caches):
    assert client.get("/")["X-Cache"] == "miss"
    before = entries("test_page_cache")
    for number in range(1000):
        junk = ["?utm_source=x{}", "?fbclid={}", "?utm_campaign={}&utm_medium=email", "?anything={}"][number % 4]
        response = client.get("/" + junk.format(number))
        assert response.status_code == 200 and response["X-Cache"] == "hit"
    assert entries("test_page_cache") == before


@pytest.mark.parametrize("url, other", [
    ("/search/?q=china", "/search/?q=japan"),
    ("/search/?q=china", "/search/?q=china&page=2"),
    ("/sitemap-posts.xml", "/sitemap-posts.xml?p=2"),
])
def test_what_a_page_reads_of_its_query_string_still_makes_a_page_of_its_own(client, database_caches, url, other):
    if "p=2" in other:
        with derived.batch():  # the ranks numbered once, not after each post
            for number in range(260):
                Post.objects.create(title=f"Filler {number}", body="Text.")
    first = client.get(url)
    assert first["X-Cache"] == "miss"
    assert client.get(f"{url}{'&' if '?' in url else '?'}utm_source=x")["X-Cache"] == "hit"
    second = client.get(other)
    assert second.status_code == 200 and second["X-Cache"] == "miss"


def test_a_flood_of_pages_leaves_the_comment_limit_standing(client, database_caches, settings):
    settings.COMMENT_RATE = "2/10m"
    post = Post.objects.get(title=TITLE)
    data = {"author_name": "Ann", "author_email": "", "website": ""}
    for number in range(2):
        assert client.post(post.get_absolute_url(), {**data, "body": f"Comment {number}."}).status_code == 302
    # Many real, distinct pages: the page cache culls to make room, far past its size.
    for number in range(200):
        assert client.get("/search/", {"q": f"china {number}"}).status_code == 200
    assert entries("test_page_cache") <= 60
    assert client.post(post.get_absolute_url(), {**data, "body": "A third."}).status_code == 429
    assert Comment.objects.count() == 2
