"""With REDIS_URL, every process shares the pages and the generation."""

import pytest
import redis
from django.core.cache import caches

from archive.derived import current_generation, start_generation
from archive.models import Post

from .helpers import POST_TITLE, POST_URL

REDIS_URL = "redis://127.0.0.1:6379/14"
PREFIX = "briefings-caching-test"


@pytest.fixture
def shared_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
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


def test_a_change_made_by_another_process_is_seen_at_once(client, seeded, shared_cache, committed):
    assert client.get("/")["X-Cache"] == "miss"
    hit = client.get("/")
    assert hit["X-Cache"] == "hit" and "Biden Kicks Xi" in hit.content.decode()

    # Another process changes the archive: the stored page is out of date at once.
    start_generation(caches.create_connection("default"))
    assert client.get("/")["X-Cache"] == "miss"

    post = Post.objects.get(title=POST_TITLE)
    with committed():
        post.title = "Renamed by an editor"
        post.save()
    page = client.get("/")
    assert page["X-Cache"] == "miss"
    assert "Renamed by an editor" in page.content.decode() and POST_TITLE not in page.content.decode()
