"""Browsers and proxies revalidate every page cheaply: 304 until something changes."""

import time

import pytest
from django.utils.http import http_date

from archive.derived import current_generation, start_generation

from ..pages.helpers import page_text
from .helpers import POST_URL, READER_PAGES


@pytest.mark.parametrize("url", READER_PAGES)
def test_revalidation_gets_304_without_rendering_or_sql(client, seeded, url, django_assert_num_queries):
    page = client.get(url)
    assert page.status_code == 200
    assert page["ETag"].startswith('W/"')
    with django_assert_num_queries(0):
        again = client.get(url, headers={"If-None-Match": page["ETag"]})
    assert again.status_code == 304
    assert again["ETag"] == page["ETag"] and again["Cache-Control"] == page["Cache-Control"]
    assert again.content == b""


@pytest.mark.parametrize("url", READER_PAGES)
def test_if_modified_since_gets_304_too(client, seeded, url, django_assert_num_queries):
    page = client.get(url)
    assert page["Cache-Control"] == "no-cache"
    with django_assert_num_queries(0):
        again = client.get(url, headers={"If-Modified-Since": page["Last-Modified"]})
    assert again.status_code == 304


def test_a_change_gets_200_with_new_validators(client, post, committed):
    page = client.get("/")
    validators = {"If-None-Match": page["ETag"], "If-Modified-Since": page["Last-Modified"]}
    assert client.get("/", headers=validators).status_code == 304
    with committed():
        post.title = "Biden Kicks Xi While He Is Up"
        post.save()
    changed = client.get("/", headers=validators)
    assert changed.status_code == 200
    assert changed["ETag"] != page["ETag"]
    assert "Biden Kicks Xi While He Is Up" in page_text(changed)
    # The old date alone no longer matches either.
    only_date = client.get("/", headers={"If-Modified-Since": page["Last-Modified"]})
    assert only_date.status_code == 200


def test_revalidation_works_with_the_page_cache_off(client, seeded, settings):
    settings.PAGE_CACHE = False
    page = client.get("/")
    assert "X-Cache" not in page
    assert client.get("/", headers={"If-None-Match": page["ETag"]}).status_code == 304


def test_an_unknown_or_stale_etag_gets_the_page(client, seeded):
    assert client.get("/").status_code == 200
    for etag in ['W/"something-else"', '"another", W/"more"', "*", "not an etag"]:
        assert client.get("/", headers={"If-None-Match": etag}).status_code == 200


def test_last_modified_moves_on_by_a_second_at_least():
    # HTTP dates have whole seconds: two changes within one must still differ.
    first = start_generation()
    second = start_generation()
    assert second.last_modified > first.last_modified


def test_last_modified_is_never_in_the_future(client, seeded):
    for _ in range(3):
        start_generation()  # a burst of changes gets ahead of the clock
    generation = current_generation()
    assert generation.changed > time.time()
    page = client.get("/")
    assert "Last-Modified" not in page and page["ETag"]
    older = http_date(time.time() - 60)
    assert client.get("/", headers={"If-Modified-Since": older}).status_code == 200


def test_a_post_page_is_the_same_for_every_reader_so_shared_caches_may_keep_it(client, post, settings):
    page = client.get(POST_URL)
    assert page["Cache-Control"] == "no-cache" and "Vary" not in page and not page.cookies
    # A reader who has a CSRF cookie from elsewhere (the admin) revalidates the same page.
    client.cookies[settings.CSRF_COOKIE_NAME] = "x" * 32
    again = client.get(POST_URL, headers={"If-None-Match": page["ETag"]})
    assert again.status_code == 304 and again["ETag"] == page["ETag"]
