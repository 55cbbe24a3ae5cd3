"""Every page type costs a fixed number of SQL queries, however big the archive."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive.derived import renumber_authors
from archive.models import Author, Comment, Post, Tag
from tests.factories import write_listing

# Page type → (URL on the seeds alone, URL in the 200-post archive, pinned query count).
# A list of posts reads the number of posts, then the posts, each with its author, categories, tags and
# sources in the same query (Post.objects.for_listing()); every page's footer lists the blog's pages. A
# category page reads itself with its subcategories (one query, instead of the number of posts), an outlet's
# page its outlet (with its size); a post page, its comments and its neighbours.
PAGE_TYPES = {
    "archive page 1": ("/", "/", 3),
    "archive page N": ("/page/2/", "/page/20/", 3),
    "category page 1": ("/category/technology/", "/category/synthetic/", 3),
    "category page N": ("/category/technology/page/2/", "/category/synthetic/page/20/", 3),
    "post": ("/post/biden-kicks-xi-when-hes-up/", "/post/synthetic-post-number-150/", 3),
    "briefing": ("/post/china-hacks-and-leaks-confidential-japanese-diplomatic-cables/",
                 "/post/synthetic-post-number-152/", 3),
    "source page": ("/source/kyodo-news/", "/source/outlet-3/", 3),
    # SQLite looks the page of matches and their snippets up in its FTS5 index, then loads the posts (with
    # their categories, in their rows).
    # PostgreSQL: the ids, then the page ranked; each under its own time limit, which in a test's
    # transaction is a savepoint, the limit set and put back, and the savepoint released (8 queries).
    "search": ("/search/?q=china", "/search/?q=paragraph&page=3", 5 if connection.vendor == "sqlite" else 11),
    "RSS feed": ("/feed/", "/feed/", 1),
    "category Atom feed": ("/category/technology/feed/atom/", "/category/synthetic/feed/atom/", 2),
    "sitemap index": ("/sitemap.xml", "/sitemap.xml", 9),
    "posts sitemap": ("/sitemap-posts.xml", "/sitemap-posts.xml", 2),
    "category pages sitemap": ("/sitemap-categories.xml", "/sitemap-categories.xml", 1),
}

# An author's page costs what an archive page does (the author, with their number of posts, instead of
# the number of posts), an author's feed what a category's does; the comments feed reads comments with
# their posts.
PAGE_TYPES.update({
    "author page 1": ("/author/seed-writer/", "/author/synthetic-writer/", PAGE_TYPES["archive page 1"][2]),
    "author page N": ("/author/seed-writer/page/2/", "/author/synthetic-writer/page/20/",
                      PAGE_TYPES["archive page N"][2]),
    "author Atom feed": ("/author/seed-writer/feed/atom/", "/author/synthetic-writer/feed/atom/",
                         PAGE_TYPES["category Atom feed"][2]),
    "comments feed": ("/comments/feed/", "/comments/feed/", 1),
    # A tag's page reads its tag, with its size, as an outlet's page does; its feed, what a category's does.
    "tag page 1": ("/tag/seed/", "/tag/synthetic/", PAGE_TYPES["source page"][2]),
    "tag page N": ("/tag/seed/page/2/", "/tag/synthetic/page/20/", PAGE_TYPES["source page"][2]),
    "tag Atom feed": ("/tag/seed/feed/atom/", "/tag/synthetic/feed/atom/", PAGE_TYPES["category Atom feed"][2]),
})


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
    # The seeds by one author, the synthetic posts by another.
    seeds = Author.objects.create(name="Seed Writer")
    synthetic = Author.objects.create(name="Synthetic Writer")
    Post.objects.filter(slug__startswith="synthetic-post-number-").update(author=synthetic)
    Post.objects.filter(author=None).update(author=seeds)
    renumber_authors()
    Tag.objects.create(name="Seed").posts.add(*Post.objects.filter(author=seeds))
    Tag.objects.create(name="Synthetic").posts.add(*Post.objects.filter(author=synthetic))
    Comment.objects.create(post=Post.objects.get(slug="synthetic-post-number-3"), author_name="Reader",
                           body="Hello.", status=Comment.Status.APPROVED)


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


@pytest.mark.parametrize("url", [
    "/page/20/", "/category/synthetic/page/20/", "/category/synthetic/feed/atom/", "/tag/synthetic/page/20/",
    "/tag/synthetic/feed/atom/",
])
def test_deep_pages_look_their_posts_up_by_rank_never_by_offset(client, big_archive, url):
    """Page 20 reads its posts by a range of ranks: it costs what page 1 costs, however deep."""
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    posts = [query["sql"] for query in captured.captured_queries if "body_html" in query["sql"]]
    assert len(posts) == 1
    assert "OFFSET" not in posts[0].upper()
    assert '"rank" >' in posts[0] and '"rank" <=' in posts[0]
