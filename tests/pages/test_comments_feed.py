"""/comments/feed/: the newest approved comments, where the original blog served its comments feed."""

from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.core.management import call_command

from archive.models import Comment, Post
from tests.pages.test_feeds import parse
from tests.wordpress.helpers import FIXTURES

START = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def post(seeded):
    return Post.objects.get(title="Biden Kicks Xi When He’s Up")


def comment(post, number, status=Comment.Status.APPROVED, **fields):
    return Comment.objects.create(
        post=post, author_name=f"Reader {number}", author_email=f"reader{number}@example.com",
        body=f"Comment number {number}.", status=status, created=START + timedelta(hours=number), **fields
    )


@pytest.mark.parametrize("url, version", [("/comments/feed/", "rss20"), ("/comments/feed/atom/", "atom10")])
def test_the_newest_approved_comments_newest_first(client, post, url, version):
    shown = [comment(post, number) for number in (1, 2, 4)]
    for number, status in ((3, "pending"), (5, "spam"), (6, "rejected")):
        comment(post, number, status=status)
    feed = parse(client, url, version)
    assert [entry.title for entry in feed.entries] == [
        f"Comment on {post.title} by Reader {number}" for number in (4, 2, 1)
    ]
    newest = feed.entries[0]
    assert newest.link == f"http://testserver{post.get_absolute_url()}#comment-{shown[-1].pk}"
    assert newest.author == "Reader 4"
    assert "Comment number 4." in newest.summary
    assert newest.published_parsed[:5] == (2024, 5, 1, 16, 0)
    assert "@example.com" not in client.get(url).content.decode()  # commenters' emails are never shown


def test_the_feed_stops_at_feed_size_and_escapes_what_readers_wrote(client, post):
    for number in range(1, settings.FEED_SIZE + 3):
        comment(post, number)
    Comment.objects.filter(author_name="Reader 3").update(body="<script>alert(1)</script>\nSecond line")
    feed = parse(client, "/comments/feed/", "rss20")
    assert len(feed.entries) == settings.FEED_SIZE
    assert feed.entries[-1].title.endswith("by Reader 3")
    body = client.get("/comments/feed/").content.decode()
    assert "<script>" not in body and "&lt;script&gt;" in body.replace("&amp;", "&")


def test_an_empty_archive_has_an_empty_comments_feed(client, db):
    feed = parse(client, "/comments/feed/", "rss20")
    assert feed.entries == [] and feed.feed.title == f"Comments | {settings.SITE_TITLE}"


def test_the_blogs_imported_comments_are_in_it(client, db):
    call_command("load_seeds", str(FIXTURES / "classic.xml"), verbosity=0)
    feed = parse(client, "/comments/feed/", "rss20")
    approved = Comment.objects.filter(status=Comment.Status.APPROVED).order_by("-created", "-id")
    assert [entry.author for entry in feed.entries] == [row.author_name for row in approved]
    assert approved.count() == 3


def test_the_feed_costs_one_query_however_many_comments(client, post, django_assert_num_queries):
    comment(post, 1)
    with django_assert_num_queries(1):
        client.get("/comments/feed/")
    for number in range(2, 8):
        comment(post, number)
    with django_assert_num_queries(1):
        client.get("/comments/feed/")
