"""Readers' comments: moderated, escaped, protected against abuse."""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.forms.renderers import DjangoTemplates
from django.test import Client

from archive.views.comment_form import CommentForm
from archive.models import Comment, Post

from ..pages.helpers import page_text

TITLE = "Biden Kicks Xi When He’s Up"  # two comments on the original site


@pytest.fixture
def post(seeded):
    return Post.objects.get(title=TITLE)


def send(client, post, headers=None, **fields):
    data = {"author_name": "Ann Reader", "author_email": "", "body": "A thoughtful comment.", "website": ""}
    data.update(fields)
    return client.post(post.get_absolute_url(), data, **(headers or {}))


def test_new_comment_waits_for_moderation_and_its_writer_alone_sees_it(client, post):
    response = send(client, post, author_email="ann@example.com")
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert response["Location"] == f"{post.get_absolute_url()}#comment-{comment.pk}"
    assert (comment.post, comment.status, comment.author_email) == (post, "pending", "ann@example.com")
    page = client.get(response["Location"])
    text = page_text(page)
    assert "Your comment is awaiting moderation" in text and "No comments yet" not in text
    assert f'id="comment-{comment.pk}"' in page.content.decode()
    assert "Ann Reader" in text and "A thoughtful comment." in text and "Awaiting moderation" in text
    assert "ann@example.com" not in page.content.decode()
    # Anyone else: neither the comment nor the thanks, whatever the address says.
    other = Client()
    for url in (post.get_absolute_url(), f"{post.get_absolute_url()}?comment=received"):
        text = page_text(other.get(url))
        assert "A thoughtful comment." not in text and "awaiting moderation" not in text.lower()


def test_once_approved_the_comment_is_everyones_and_no_longer_marked(client, post):
    send(client, post)
    comment = Comment.objects.get()
    comment.status = Comment.Status.APPROVED  # as an editor approves it
    comment.save()
    for reader in (client, Client()):
        text = page_text(reader.get(post.get_absolute_url()))
        assert "A thoughtful comment." in text and "awaiting moderation" not in text.lower()


def test_approved_comments_show_oldest_first_and_only_approved(client, post):
    for n, status in enumerate(["approved", "pending", "approved", "rejected", "spam"]):
        Comment.objects.create(post=post, author_name=f"Reader {n}", body=f"Body number {n}.", status=status)
    text = page_text(client.get(post.get_absolute_url()))
    assert re.search(r"Reader 0 .*Body number 0\..*Reader 2 .*Body number 2\.", text)
    for hidden in (1, 3, 4):
        assert f"Body number {hidden}." not in text


def test_comment_count_keeps_original_and_local_comments_apart(client, post):
    text = page_text(client.get(post.get_absolute_url()))
    assert "2 Comments, on the original site; those comments were not archived." in text
    Comment.objects.create(post=post, author_name="Ann", body="Hello.", status="approved")
    Comment.objects.create(post=post, author_name="Bob", body="Pending.", status="pending")
    text = page_text(client.get(post.get_absolute_url()))
    assert "3 Comments: 2 on the original site (not archived) and 1 here." in text
    assert "1 comment on “Biden Kicks Xi When He’s Up”, and 2 on the original site, not archived" in page_text(
        client.get("/")
    )


def test_comment_text_is_escaped_plain_text_with_line_breaks(client, post):
    send(client, post, author_name="<script>alert('name')</script>",
         body="<b>bold?</b> <img src=x onerror=alert(1)>\nSecond **line** [x](javascript:alert(2))")
    for comment in Comment.objects.all():  # as an editor approves it
        comment.status = Comment.Status.APPROVED
        comment.save()
    html = client.get(post.get_absolute_url()).content.decode()
    assert "<script>alert('name')</script>" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt;" in html
    assert "&lt;b&gt;bold?&lt;/b&gt; &lt;img src=x onerror=alert(1)&gt;<br>Second **line** [x](javascript:alert(2))" in html


# What a browser sends with a form posted to the archive: from another site's page,
# then from the archive's own page (with and without Fetch metadata).
CROSS_SITE = [
    {"Sec-Fetch-Site": "cross-site", "Origin": "https://attacker.example"},
    {"Sec-Fetch-Site": "same-site", "Origin": "http://evil.testserver"},
    {"Sec-Fetch-Site": "cross-site", "Origin": "null"},
    {"Origin": "https://attacker.example"},  # a browser without Fetch metadata
]
SAME_ORIGIN = [
    {"Sec-Fetch-Site": "same-origin", "Origin": "http://testserver"},
    {"Origin": "http://testserver"},
    {},  # not a browser: no forged request to guard against
]


@pytest.mark.parametrize("headers", CROSS_SITE)
def test_a_comment_posted_from_another_site_is_refused(post, headers):
    response = send(Client(enforce_csrf_checks=True), post, headers={"headers": headers})
    assert response.status_code == 403
    assert "Form not accepted" in page_text(response) and "Nothing was saved." in page_text(response)
    assert not Comment.objects.exists()


@pytest.mark.parametrize("headers", SAME_ORIGIN)
def test_a_comment_posted_from_the_archive_needs_no_token(post, headers):
    response = send(Client(enforce_csrf_checks=True), post, headers={"headers": headers})
    assert response.status_code == 302
    assert Comment.objects.count() == 1


def test_the_admin_still_needs_its_csrf_token(admin_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    response = client.post("/admin/archive/category/add/", {"name": "Forged", "slug": "forged"},
                           headers={"Sec-Fetch-Site": "same-origin", "Origin": "http://testserver"})
    assert response.status_code == 403
    assert "reload it, and send the form again" in page_text(response)


def test_honeypot_rejects(client, post):
    response = send(client, post, website="http://spam.example")
    assert response.status_code == 400
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "fields",
    [
        {"author_name": "x" * 101},
        {"author_name": "   "},
        {"body": ""},
        {"body": " \n "},
        {"body": "x" * 5001},
        {"body": "nul\x00byte"},
        {"author_email": "not-an-email"},
    ],
)
def test_invalid_comments_are_refused_and_nothing_is_stored(client, post, fields):
    response = send(client, post, **fields)
    assert response.status_code == 400
    assert "Please correct the problems below." in page_text(response)
    assert not Comment.objects.exists()


@pytest.mark.parametrize("fields, name", [
    ({"author_email": "not-an-email"}, "author_email"), ({"author_name": "   "}, "author_name"), ({"body": ""}, "body"),
])
def test_a_fields_error_is_what_its_field_names_for_screen_readers(client, post, fields, name):
    # The field's aria-describedby names its error by id: a screen reader reads the error with the field.
    html = send(client, post, **fields).content.decode()
    described = re.search(rf'<(?:input|textarea)[^>]*name="{name}"[^>]*aria-describedby="([^"]+)"', html)
    assert described, html
    for target in described[1].split():
        assert f'id="{target}"' in html, target
    assert f'id="id_{name}_error"' in html


def test_rate_limit_per_address(client, post, settings):
    settings.COMMENT_RATE = "3/10m"
    for n in range(3):
        assert send(client, post, body=f"Comment {n}.").status_code == 302
    response = send(client, post, body="One too many.")
    assert response.status_code == 429
    assert "wait a few minutes" in page_text(response)
    assert Comment.objects.count() == 3
    other_address = send(client, post, {"REMOTE_ADDR": "192.0.2.7"}, body="From elsewhere.")
    assert other_address.status_code == 302


def test_rate_limit_counters_are_kept_in_the_database_for_every_process(client, post, settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "counters": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "test_counters"},
    }
    call_command("createcachetable", verbosity=0)
    settings.COMMENT_RATE = "2/10m"
    assert send(client, post).status_code == 302
    assert send(client, post, body="Second one.").status_code == 302
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM test_counters")
        assert cursor.fetchone()[0] == 1  # django-ratelimit's counter for this reader
    # Another process sees the same count: a fresh client, same address.
    assert send(Client(), post, body="Third one.").status_code == 429
    assert Comment.objects.count() == 2


def test_wrong_method_is_refused(client, post):
    assert client.put(post.get_absolute_url()).status_code == 405
    assert client.delete(post.get_absolute_url()).status_code == 405


@pytest.mark.parametrize("data", [None, {"author_name": " ", "author_email": "not an address", "body": "x"}])
def test_the_form_is_the_html_djangos_own_templates_give(data):
    ours, djangos = CommentForm(data), CommentForm(data, renderer=DjangoTemplates())
    if data:
        assert not ours.is_valid() and not djangos.is_valid()
    assert [str(field) for field in ours] == [str(field) for field in djangos]
    assert [str(field.errors) for field in ours] == [str(field.errors) for field in djangos]


def test_the_form_says_once_that_the_email_address_is_never_shown(client, post):
    assert page_text(client.get(post.get_absolute_url())).lower().count("never shown") == 1
