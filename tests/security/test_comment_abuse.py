"""The same comment twice is one comment; the form says what happened (finding 6)."""

import datetime

import pytest

from archive.models import Comment, Post
from tests.pages.helpers import page_text

TITLE = "Biden Kicks Xi When He’s Up"


@pytest.fixture
def post(seeded):
    return Post.objects.get(title=TITLE)


def send(client, post, body="The same words."):
    data = {"author_name": "Ann", "author_email": "", "body": body, "website": ""}
    return client.post(post.get_absolute_url(), data)


def test_a_duplicate_is_refused_and_the_reader_told_why(client, post):
    assert send(client, post).status_code == 302
    again = send(client, post, body="  The same words.\r\n")
    assert again.status_code == 409
    assert "This comment has been sent already" in page_text(again)
    assert Comment.objects.count() == 1


def test_the_same_words_elsewhere_or_a_day_later_are_a_new_comment(client, post, seeded):
    assert send(client, post).status_code == 302
    other = Post.objects.exclude(pk=post.pk).first()
    assert send(client, other).status_code == 302
    Comment.objects.update(created=Comment.objects.first().created - datetime.timedelta(days=1, minutes=1))
    assert send(client, post).status_code == 302
    assert Comment.objects.count() == 3


def test_ten_identical_comments_store_one(client, post, settings):
    settings.COMMENT_RATE = "100/10m"
    statuses = [send(client, post).status_code for _ in range(10)]
    assert statuses == [302] + [409] * 9
    assert Comment.objects.count() == 1
