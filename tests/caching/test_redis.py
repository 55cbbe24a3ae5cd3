"""With REDIS_URL, every process shares the pages and the generation."""

import pytest
import redis
from django.core.cache import caches

from archive.caching import current_generation, start_generation
from archive.local_pages import LocalPages
from archive.models import Post

from .helpers import POST_TITLE, POST_URL

REDIS_URL = "redis://127.0.0.1:6379/14"
PREFIX = "briefings-caching-test"


@pytest.fixture
def shared_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "briefings.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": PREFIX,
        }
    }
    server = redis.Redis.from_url(REDIS_URL)
    server.flushdb()
    yield server
    server.flushdb()


def test_pages_are_stored_in_redis(client, seeded, shared_cache, django_assert_num_queries):
    for url in ("/", POST_URL):
        assert client.get(url)["X-Cache"] == "miss"
        with django_assert_num_queries(0):
            assert client.get(url)["X-Cache"] == "hit"
    keys = {key.decode() for key in shared_cache.keys(f"{PREFIX}:*")}
    assert f"{PREFIX}:1:archive:generation" in keys
    assert len([key for key in keys if ":archive:page:" in key]) == 2


def test_two_processes_see_the_same_generation(shared_cache):
    one, other = caches.create_connection("default"), caches.create_connection("default")
    assert one is not other
    generation = current_generation(one)
    assert current_generation(other) == generation
    started = start_generation(other)
    assert started.number == generation.number + 1
    assert current_generation(one) == started


def test_a_cleared_cache_starts_a_generation_unlike_any_before(shared_cache):
    before = current_generation()
    shared_cache.flushdb()
    after = current_generation()
    assert after != before and after.key != before.key
    assert current_generation() == after


def test_each_process_keeps_one_redis_client(shared_cache):
    from django.core.cache import cache

    cache.set("archive:probe", 1)
    client = cache._cache.get_client()
    assert cache._cache.get_client(write=True) is client
    assert cache.get_many(["archive:probe", "archive:absent"]) == {"archive:probe": 1}
    assert cache._cache.get_client() is client


def test_each_process_serves_its_own_copy_while_the_generation_stands(
    client, seeded, shared_cache, settings, committed
):
    settings.PAGE_CACHE_LOCAL_PAGES = 10
    assert client.get("/")["X-Cache"] == "miss"
    # The shared copy is gone, but this process kept its own: only the generation is read.
    for key in shared_cache.keys(f"{PREFIX}:*:archive:page:*"):
        shared_cache.delete(key)
    hit = client.get("/")
    assert hit["X-Cache"] == "hit" and "Biden Kicks Xi" in hit.content.decode()

    # Another process changes the archive: this process's copy is out of date at once.
    start_generation(caches.create_connection("default"))
    assert client.get("/")["X-Cache"] == "miss"

    post = Post.objects.get(title=POST_TITLE)
    with committed():
        post.title = "Renamed by an editor"
        post.save()
    page = client.get("/")
    assert page["X-Cache"] == "miss"
    assert "Renamed by an editor" in page.content.decode() and POST_TITLE not in page.content.decode()


def test_a_process_keeps_a_bounded_number_of_pages(settings):
    settings.PAGE_CACHE_LOCAL_PAGES = 2
    pages = LocalPages()
    pages.put("a", 1)
    pages.put("b", 2)
    assert pages.get("a") == 1  # a is now the most recently used
    pages.put("c", 3)
    assert (pages.get("a"), pages.get("b"), pages.get("c")) == (1, None, 3)
    settings.PAGE_CACHE_LOCAL_PAGES = 0
    pages.put("d", 4)
    assert pages.get("d") is None
