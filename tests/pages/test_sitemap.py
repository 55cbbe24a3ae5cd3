"""The sitemap index, its sitemaps, and robots.txt."""

import datetime
import math
from collections import Counter
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from django.core.management import call_command
from django.db import connection

from archive.models import Category, Outlet, Post, Tag
from archive.views import sitemaps
from archive.views.sitemaps import ArchivePagesSitemap, ListPages, PostSitemap
from tests.wordpress.helpers import FIXTURES

CLASSES = {"categories": "CategoryPagesSitemap", "sources": "SourcePagesSitemap", "tags": "TagPagesSitemap"}
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
ORIGIN = "http://testserver"


def locations(client, url, root):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    tree = ElementTree.fromstring(response.content)
    assert tree.tag == f"{{{NS['sm']}}}{root}"
    found = [loc.text for loc in tree.findall("*/sm:loc", NS)]
    assert all(loc.startswith(f"{ORIGIN}/") for loc in found)
    return found


def local(url):
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def sitemap_urls(client):
    """Every URL in every sitemap the index lists, as paths, in order."""
    sitemaps = locations(client, "/sitemap.xml", "sitemapindex")
    return [local(url) for sitemap in sitemaps for url in locations(client, local(sitemap), "urlset")]


def test_sitemap_lists_every_post_and_every_list_page(client, seeded):
    urls = sitemap_urls(client)
    counts = Counter(url.split("/")[1] or "index" for url in urls)
    assert counts == {"post": 18, "index": 1, "page": 2, "category": 11, "source": 9}
    assert len(urls) == len(set(urls)) == 41

    assert {url for url in urls if url.startswith("/post/")} == {
        post.get_absolute_url() for post in Post.objects.all()
    }
    assert [url for url in urls if not url.startswith(("/post/", "/category/", "/source/"))] == [
        "/", "/page/2/", "/page/3/",
    ]
    assert {url for url in urls if url.startswith("/category/")} == {
        category.get_absolute_url() for category in Category.objects.all()
    } | {"/category/technology/page/2/"}
    assert {url for url in urls if url.startswith("/source/")} == {
        outlet.get_absolute_url() for outlet in Outlet.objects.all()
    }


def test_every_page_of_an_outlets_briefings_is_listed(client, seeded):
    outlet = Outlet.objects.create(name="Test Wire")
    for number in range(11):
        post = Post.objects.create(title=f"Wire story {number}", body="Text.")
        post.sources.create(outlet=outlet, date=datetime.date(2024, 1, 1), url=f"https://example.com/{number}")
    urls = sitemap_urls(client)
    assert "/source/test-wire/" in urls and "/source/test-wire/page/2/" in urls
    assert "/source/test-wire/page/3/" not in urls
    assert client.get("/source/test-wire/page/2/").status_code == 200


def test_every_page_of_a_tags_posts_is_listed(client, seeded):
    tag = Tag.objects.create(name="Semiconductors")
    tag.posts.add(*Post.objects.all()[:9])
    urls = sitemap_urls(client)
    assert "/tag/semiconductors/" in urls and "/tag/semiconductors/page/2/" in urls
    assert "/tag/semiconductors/page/3/" not in urls
    assert client.get("/tag/semiconductors/page/2/").status_code == 200
    tag.posts.remove(*Post.objects.all()[:3])
    assert "/tag/semiconductors/page/2/" not in sitemap_urls(client)
    Tag.objects.create(name="Unused")  # a tag with no posts has no page in the sitemap
    assert not any(url.startswith("/tag/unused/") for url in sitemap_urls(client))


def test_every_sitemap_url_is_a_page(client, seeded):
    for url in sitemap_urls(client):
        assert client.get(url).status_code == 200, url


def test_sitemap_follows_the_archive_as_it_grows(client, seeded, committed):
    assert "/page/4/" not in sitemap_urls(client)
    technology = Category.objects.get(slug="technology")
    with committed():
        for number in range(7):
            Post.objects.create(title=f"Added post {number}", body="Text.").categories.add(technology)
    urls = sitemap_urls(client)
    assert len([url for url in urls if url.startswith("/post/")]) == 25
    assert "/page/4/" in urls and "/page/5/" not in urls
    assert "/category/technology/page/3/" in urls and "/category/technology/page/4/" not in urls


def test_large_sections_are_split_into_several_sitemaps(client, seeded, monkeypatch):
    monkeypatch.setattr(PostSitemap, "limit", 5)
    sitemaps = [local(url) for url in locations(client, "/sitemap.xml", "sitemapindex")]
    assert sitemaps[:4] == [
        "/sitemap-posts.xml", "/sitemap-posts.xml?p=2", "/sitemap-posts.xml?p=3", "/sitemap-posts.xml?p=4",
    ]
    post_urls = [url for url in sitemap_urls(client) if url.startswith("/post/")]
    assert len(post_urls) == len(set(post_urls)) == 18
    assert post_urls == [post.get_absolute_url() for post in Post.objects.order_by("rank")]
    assert client.get("/sitemap-posts.xml?p=5").status_code == 404


def test_list_page_sections_are_split_too(client, seeded, monkeypatch):
    monkeypatch.setattr(ArchivePagesSitemap, "limit", 2)
    sitemaps = [local(url) for url in locations(client, "/sitemap.xml", "sitemapindex")]
    assert [url for url in sitemaps if url.startswith("/sitemap-archive")] == [
        "/sitemap-archive.xml", "/sitemap-archive.xml?p=2",
    ]
    assert [url for url in sitemap_urls(client) if not url.startswith(("/post/", "/category/", "/source/"))] == [
        "/", "/page/2/", "/page/3/",
    ]


@pytest.mark.parametrize("section, model, prefix", [
    ("categories", Category, "/category/"), ("sources", Outlet, "/source/"), ("tags", Tag, "/tag/"),
])
def test_the_index_counts_the_pages_each_named_list_has(client, seeded, monkeypatch, settings, section, model,
                                                         prefix):
    # The index counts a section's pages in the database; its sitemaps list them from each list's row: the two agree.
    settings.POSTS_PER_PAGE = 2
    Category.objects.create(name="Nothing yet", slug="nothing-yet")  # an empty category still has its page
    call_command("load_seeds", str(FIXTURES / "classic.xml"), verbosity=0)  # a blog's tags
    monkeypatch.setattr(getattr(sitemaps, CLASSES[section]), "limit", 1)  # one sitemap in the index a page
    counts = [count for count in model.objects.values_list("post_count", flat=True)
              if count or model is Category]
    pages = sum(max(1, math.ceil(count / 2)) for count in counts)
    assert pages > 1
    listed = [local(url) for url in locations(client, "/sitemap.xml", "sitemapindex")
              if local(url).startswith(f"/sitemap-{section}.xml")]
    assert len(listed) == pages
    urls = [local(url) for sitemap in listed for url in locations(client, sitemap, "urlset")]
    assert len(urls) == len(set(urls)) == pages and all(url.startswith(prefix) for url in urls)
    assert client.get(f"/sitemap-{section}.xml?p={len(listed) + 1}").status_code == 404


def test_each_post_is_dated_by_its_last_change(client, seeded):
    tree = ElementTree.fromstring(client.get("/sitemap-posts.xml").content)
    dates = {local(url.find("sm:loc", NS).text): url.find("sm:lastmod", NS).text for url in tree.findall("sm:url", NS)}
    for post in Post.objects.all():
        stamp = datetime.datetime.fromisoformat(dates[post.get_absolute_url()])
        assert stamp == post.updated.replace(microsecond=0)


def test_unknown_sitemap_section_is_404(client, seeded):
    assert client.get("/sitemap-nothing.xml").status_code == 404


@pytest.mark.parametrize(
    "url, queries",
    [
        # The index: each section's size, and the posts' latest change.
        ("/sitemap.xml", 9),
        ("/sitemap-posts.xml", 2),
        ("/sitemap-archive.xml", 1),
        ("/sitemap-categories.xml", 1),
        ("/sitemap-sources.xml", 1),
        ("/sitemap-dates.xml", 1),  # the date index, every year's and month's pages: one query
    ],
)
def test_sitemaps_take_a_fixed_number_of_queries(client, seeded, committed, django_assert_num_queries, url, queries):
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200
    # More posts, a new generation: the same number of queries again.
    with committed():
        for number in range(9):
            Post.objects.create(title=f"Added post {number}", body="Text.")
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


def test_robots_txt_names_the_sitemap(client, seeded):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert f"Sitemap: {ORIGIN}/sitemap.xml" in lines
    assert locations(client, "/sitemap.xml", "sitemapindex")


def test_robots_txt_uses_the_host_and_scheme_of_the_request(client, db):
    response = client.get("/robots.txt", secure=True, headers={"host": "localhost"})
    assert "Sitemap: https://localhost/sitemap.xml" in response.content.decode().splitlines()


def test_list_pages_are_counted_and_sliced_without_listing_them_all():
    lists = [
        ("archive:category", {"slug": "a"}, 0), ("archive:tag", {"slug": "b"}, 17), ("archive:tag", {"slug": "c"}, 8),
    ]
    pages = ListPages(lists, per_page=8)
    every = [
        ("archive:category", {"slug": "a"}, 1),
        ("archive:tag", {"slug": "b"}, 1), ("archive:tag", {"slug": "b"}, 2), ("archive:tag", {"slug": "b"}, 3),
        ("archive:tag", {"slug": "c"}, 1),
    ]
    assert len(pages) == 5
    assert list(pages) == every
    for start in range(6):
        for stop in range(start, 7):
            assert pages[start:stop] == every[start:stop]
    assert pages[-1] == every[-1]
    with pytest.raises(IndexError):
        pages[5]


def test_the_posts_sitemap_reads_only_what_it_shows_of_each_post(client, seeded, django_assert_num_queries):
    with django_assert_num_queries(2) as context:
        assert client.get("/sitemap-posts.xml").status_code == 200
    posts = [query["sql"] for query in context.captured_queries if '"slug"' in query["sql"]]
    assert len(posts) == 1
    assert '"updated"' in posts[0]
    assert not any(column in posts[0] for column in ('"body_html"', '"body_text"', '"caption"', '"title"'))


def test_the_posts_sitemap_reads_one_index_and_never_the_posts_rows(client, seeded, django_assert_num_queries):
    """Slugs and dates come from the (rank, slug, updated) index alone. A post's row is
    never read: on SQLite its body fills overflow pages, which reading past it walks."""
    with django_assert_num_queries(2) as context:
        assert client.get("/sitemap-posts.xml").status_code == 200
    [sql] = [query["sql"] for query in context.captured_queries if '"slug"' in query["sql"]]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
            plan = " ".join(row[-1] for row in cursor.fetchall())
            assert "USING COVERING INDEX post_rank_slug_updated" in plan
        else:
            # A few rows are cheaper to scan: ask the planner what it does with many.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_bitmapscan = off")
            cursor.execute(f"EXPLAIN {sql}")
            plan = " ".join(row[0] for row in cursor.fetchall())
            assert "Index Only Scan using post_rank_slug_updated" in plan
