"""Every page type costs a fixed number of SQL queries, however big the archive."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive.models import Comment, Post
from tests.factories import write_listing

# Page type → (URL on the seeds alone, URL in the 200-post archive, pinned query count).
# A list of posts reads the posts, then their categories and their sources with
# their outlets (Post.objects.for_listing()); every page's footer lists the
# categories with their sizes and the blog's pages. A category page reads its
# subcategories; a post page, its tags and its neighbours.
PAGE_TYPES = {
    "archive page 1": ("/", "/", 6),
    "archive page N": ("/page/2/", "/page/20/", 6),
    "category page 1": ("/category/technology/", "/category/synthetic/", 7),
    "category page N": ("/category/technology/page/2/", "/category/synthetic/page/20/", 7),
    "post": ("/post/biden-kicks-xi-when-hes-up/", "/post/synthetic-post-number-150/", 7),
    "briefing": ("/post/china-hacks-and-leaks-confidential-japanese-diplomatic-cables/",
                 "/post/synthetic-post-number-152/", 7),
    "source page": ("/source/kyodo-news/", "/source/outlet-3/", 8),
    # SQLite looks the page of matches and their snippets up in its FTS5 index, then loads the posts.
    # PostgreSQL: the ids, then the page ranked; each under its own time limit, which in a test's
    # transaction is a savepoint, the limit set and put back, and the savepoint released (8 queries).
    "search": ("/search/?q=china", "/search/?q=paragraph&page=3", 8 if connection.vendor == "sqlite" else 14),
    "RSS feed": ("/feed/", "/feed/", 3),
    "category Atom feed": ("/category/technology/feed/atom/", "/category/synthetic/feed/atom/", 4),
    "sitemap index": ("/sitemap.xml", "/sitemap.xml", 8),
    "posts sitemap": ("/sitemap-posts.xml", "/sitemap-posts.xml", 2),
    "category pages sitemap": ("/sitemap-categories.xml", "/sitemap-categories.xml", 1),
}


def queries_for(client, url):
    cache.clear()  # the worst case: nothing rendered before
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


@pytest.fixture
def big_archive(seeded, tmp_path):
    call_command("load_seeds", str(write_listing(tmp_path / "900_synthetic.txt", 1, 200)), verbosity=0)
    assert Post.objects.count() == 218


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_query_count_is_pinned_and_does_not_grow(client, big_archive, page_type):
    small_url, big_url, pinned = PAGE_TYPES[page_type]
    small, big = queries_for(client, small_url), queries_for(client, big_url)
    assert small == big == pinned


def test_a_post_with_comments_costs_one_query_more_however_many(client, big_archive):
    post = Post.objects.get(slug="synthetic-post-number-150")
    without = queries_for(client, post.get_absolute_url())
    for number in range(1, 4):
        Comment.objects.create(post=post, author_name=f"Reader {number}", body=f"Comment {number}.",
                               status=Comment.Status.APPROVED)
        assert queries_for(client, post.get_absolute_url()) == without + 1
    text = client.get(post.get_absolute_url()).content.decode()
    assert "Comment 1." in text and "Comment 3." in text


@pytest.mark.parametrize("url", ["/page/20/", "/category/synthetic/page/20/", "/category/synthetic/feed/atom/"])
def test_deep_pages_look_their_posts_up_by_rank_never_by_offset(client, big_archive, url):
    """Page 20 reads its posts by a range of ranks: it costs what page 1 costs, however deep."""
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    posts = [query["sql"] for query in captured.captured_queries if "body_html" in query["sql"]]
    assert len(posts) == 1
    assert "OFFSET" not in posts[0].upper()
    assert '"rank" >' in posts[0] and '"rank" <=' in posts[0]
