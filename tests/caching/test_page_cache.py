"""Anonymous readers get pages from the cache: no SQL, the same page, a working comment form."""

import pytest
from django.test import Client

from archive.models import Comment

from ..pages.helpers import page_text
from .helpers import POST_URL, READER_PAGES, send_comment


@pytest.mark.parametrize("url", READER_PAGES)
def test_a_second_request_is_a_hit_without_sql(client, seeded, url, django_assert_num_queries):
    first = client.get(url)
    assert (first.status_code, first["X-Cache"]) == (200, "miss")
    with django_assert_num_queries(0):
        second = client.get(url)
    assert (second.status_code, second["X-Cache"]) == (200, "hit")
    assert second.content == first.content
    assert "script-src 'self'" in second["Content-Security-Policy"]
    for header in ("Content-Type", "Content-Length", "X-Robots-Tag", "ETag", "Cache-Control", "Vary",
                   "Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy"):
        assert second.get(header) == first.get(header), header


def test_head_is_served_from_the_cache(client, seeded, django_assert_num_queries):
    client.get("/")
    with django_assert_num_queries(0):
        response = client.head("/")
    assert (response.status_code, response["X-Cache"], response.content) == (200, "hit", b"")


def test_a_cached_post_page_is_one_page_for_every_reader_and_its_form_works(post):
    # Browsers send these headers with a form posted from the archive's own page.
    same_origin = {"Sec-Fetch-Site": "same-origin", "Origin": "http://testserver"}
    first_page = Client(enforce_csrf_checks=True).get(POST_URL)
    assert first_page["X-Cache"] == "miss"

    reader = Client(enforce_csrf_checks=True)
    page = reader.get(POST_URL)
    assert page["X-Cache"] == "hit" and page.content == first_page.content
    assert not page.cookies and "Vary" not in page

    sent = reader.post(POST_URL, {"author_name": "Ann Reader", "body": "Cached, and it works."},
                       headers=same_origin)
    assert sent.status_code == 302
    assert Comment.objects.get().body == "Cached, and it works."


def test_a_commenters_own_page_is_never_the_cached_one_nor_cached(client, post):
    client.get(POST_URL)
    assert client.get(POST_URL)["X-Cache"] == "hit"
    response = send_comment(client)
    received = client.get(response["Location"])
    assert "Your comment is awaiting moderation" in page_text(received) and "X-Cache" not in received
    assert "Cookie" in received["Vary"]  # nor kept by a shared cache for others
    # Everyone else still gets the cached page, without the comment.
    plain = Client().get(POST_URL)
    assert plain["X-Cache"] == "hit"
    assert "awaiting moderation" not in page_text(plain)


def test_a_refused_comment_is_never_cached(client, post):
    refused = send_comment(client, body="")
    assert refused.status_code == 400 and "X-Cache" not in refused and "ETag" not in refused
    page = client.get(POST_URL)
    assert page["X-Cache"] == "miss"
    assert "Please correct the problems below." not in page_text(page)


def test_posts_are_never_served_from_the_cache(client, post):
    client.get(POST_URL)
    response = send_comment(client)
    assert response.status_code == 302 and "X-Cache" not in response


@pytest.mark.parametrize(
    "url", ["/post/no-such-post/", "/page/99/", "/category/nothing/", "/page/1/", "/?page=2", "/nowhere/"]
)
def test_missing_pages_and_redirects_are_not_cached(client, seeded, url):
    for _ in range(2):
        response = client.get(url)
        assert response.status_code in {301, 404}
        assert "X-Cache" not in response and "ETag" not in response


def test_the_admin_is_never_cached(client, editor_client, post):
    for _ in range(2):
        assert "X-Cache" not in client.get("/admin/login/")
        response = editor_client.get(f"/admin/archive/post/{post.pk}/change/")
        assert response.status_code == 200
        assert "X-Cache" not in response and "ETag" not in response


def test_signed_in_visitors_always_get_a_fresh_page(client, editor_client, post):
    client.get(POST_URL)
    assert client.get(POST_URL)["X-Cache"] == "hit"
    for _ in range(2):
        response = editor_client.get(POST_URL)
        assert response.status_code == 200
        assert "X-Cache" not in response and "ETag" not in response


def test_a_visitor_with_a_notice_waiting_gets_a_fresh_page(client, post):
    client.get(POST_URL)
    assert client.get(POST_URL)["X-Cache"] == "hit"
    client.cookies["messages"] = "a notice the messages framework keeps for the next page"
    response = client.get(POST_URL)
    assert response.status_code == 200
    assert "X-Cache" not in response


def test_the_page_cache_can_be_turned_off(client, seeded, settings):
    settings.PAGE_CACHE = False
    for _ in range(2):
        response = client.get("/")
        assert "X-Cache" not in response and response["ETag"]
