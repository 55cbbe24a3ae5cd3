"""Caching of the reader's pages: conditional GET and a page cache, both keyed by a generation.

The archive is read far more often than it changes, so each page is rendered
once per *generation* of the archive and then served from the cache:

- The generation is one cache entry: a counter, the time of the change that
  started it and a random tag. Every change that can alter a page starts a new
  one when its transaction commits: saving or deleting a post, category,
  outlet, source, listing or visible comment, changing a post's categories,
  moderating comments, renumbering the archive, an import.
- Pages are stored under keys made of the release (a digest of the code and
  templates that render them) and the URL, each with the generation it was
  rendered in; the generation and the page come in one cache round trip (with a
  shared cache, each process also keeps the pages it served last and reads only
  the generation: archive/local_pages.py), and a page of an earlier generation
  is rendered again. A change makes every stored
  page out of date at once.
- Every page carries a weak ETag made of the same parts, and Last-Modified; a
  request presenting them gets 304 Not Modified after one cache read, with no
  rendering and no SQL.
- No page holds anything of the visitor's own: the comment form has no CSRF
  token (archive/views.py), so one stored page serves every reader, and shared
  caches may keep it too.

Requests that carry a session cookie (editors, anyone signed in) and every
other method than GET and HEAD bypass all of this, as do the admin and every
response other than 200.
"""

import functools
import hashlib
import math
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

import django
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Max
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.http import HttpResponse, HttpResponseNotModified
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.urls import Resolver404, resolve
from django.utils.http import http_date, parse_etags, parse_http_date_safe

from .local_pages import local_pages, local_values
from .models import Category, CategoryPlacement, Comment, Listing, Outlet, Post, Source

GENERATION_KEY = "archive:generation"
# The routes of the reader's site outside the archive app's own namespace.
READER_ROUTES = {"robots", "sitemap", "sitemap_section"}
# Headers this module sets itself, never taken from a stored page.
OWN_HEADERS = {"etag", "last-modified", "cache-control", "x-cache"}


# The generation ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Generation:
    number: int
    changed: float  # Unix time of the change that started this generation
    tag: str  # random: no two generations are ever alike, even after the cache was cleared

    @property
    def key(self):
        return f"{self.number}-{self.tag}"

    @property
    def last_modified(self):
        return math.floor(self.changed)


def _next_generation(previous=None):
    now = time.time()
    if previous is None:
        return (1, now, secrets.token_hex(4))
    number, changed, _ = previous
    # HTTP dates have whole seconds: each change moves Last-Modified on by at least
    # one, so that a client holding the previous date never gets a 304 for new content.
    return (number + 1, max(now, math.floor(changed) + 1), secrets.token_hex(4))


def current_generation(store=cache):
    value = store.get(GENERATION_KEY)
    if value is None:
        # The cache was cleared or lost the entry: start a new generation. Pages
        # stored under earlier ones may remain, but their keys differ by the tag.
        fresh = _next_generation()
        value = fresh if store.add(GENERATION_KEY, fresh, timeout=None) else store.get(GENERATION_KEY, fresh)
    return Generation(*value)


def start_generation(store=cache):
    """Make every stored page and every validator handed out so far obsolete, now.

    A read, then a write: two processes starting generations at once may both
    write the same number, but their tags differ, and the value left is one
    written after both their changes committed.
    """
    value = _next_generation(store.get(GENERATION_KEY))
    store.set(GENERATION_KEY, value, timeout=None)
    return Generation(*value)


def per_generation(name, compute, request=None):
    """``compute()``, worked out once per generation and kept in the cache meanwhile.

    For what a render would otherwise recompute from the whole archive (the
    category list with its counts, the sitemap's list sizes): every change that
    could alter it starts a new generation, so the value is never out of date.
    The generation is the one the page cache read for ``request``, if any.
    Each process keeps the values it used last too (archive/local_pages.py): the
    same objects serve every request of the generation, so callers must not change them.
    The key names the release, as a page's does: a deploy never reads what the last one stored.
    """
    generation = getattr(request, "archive_generation", None) or current_generation()
    key = f"archive:{name}:{release()}:{generation.key}"
    value = local_values.get(key)
    if value is None:
        value = cache.get(key)
        if value is None:
            value = compute()
            cache.set(key, value, settings.PAGE_CACHE_SECONDS)
        local_values.put(key, value)
    return value


def categories_by_slug(request=None):
    """Every category by its slug, each with ``placement_count``: once per generation.

    Category pages need the category and the size of its archive; the sitemap
    needs every category's. One small entry, whatever slugs visitors try.
    """

    def load():
        counts = dict(
            CategoryPlacement.objects.values("category_id").annotate(count=Max("rank")).values_list("category_id", "count")
        )
        categories = {}
        for category in Category.objects.order_by("slug"):
            category.placement_count = counts.get(category.pk, 0)
            categories[category.slug] = category
        return categories

    return per_generation("categories-by-slug", load, request)


def categories_by_id(request=None, needed=frozenset()):
    """Every category by its id, with ``name_order`` (its place by name), for listed posts: once per generation."""
    return _by_id("categories-by-id", _categories_by_id, request, needed)


def _categories_by_id():
    categories = list(Category.objects.order_by("name", "pk"))
    for place, category in enumerate(categories):
        category.name_order = place
    return {category.pk: category for category in categories}


def outlets_by_id(request=None, needed=frozenset()):
    """Every outlet by its id, for listed posts' sources: once per generation."""
    return _by_id("outlets-by-id", Outlet.objects.in_bulk, request, needed)


def _by_id(name, load, request, needed):
    """``load()`` once per generation; a map lacking one of the ids ``needed`` was
    made before a change committed (the next generation's has them): read afresh for this page."""
    objects = per_generation(name, load, request)
    return objects if needed <= objects.keys() else load()


def post_count(request=None):
    """The number of posts in the archive (ranks run from 1 to it): once per generation."""
    return per_generation("post-count", Post.objects.highest_rank, request)


def archive_changed(using=None):
    """Start a new generation when the current transaction commits (at once outside one).

    Never earlier: a reader who renders a page meanwhile sees the data as it was
    and stores the page under the old generation, which the commit then replaces.
    A rolled-back change starts none, and a transaction starts one however many
    changes it makes.
    """
    connection = transaction.get_connection(using)
    connection.archive_change_pending = True
    transaction.on_commit(functools.partial(_start_pending_generation, connection), using=using)


def _start_pending_generation(connection):
    if connection.archive_change_pending:
        connection.archive_change_pending = False
        start_generation()


# What changes the archive ------------------------------------------------------------------------


def _changed(sender, using=None, **kwargs):
    archive_changed(using)


for _model in (Post, Category, Outlet, Source, Listing):
    post_save.connect(_changed, sender=_model, dispatch_uid=f"archive.caching.save.{_model.__name__}")
    post_delete.connect(_changed, sender=_model, dispatch_uid=f"archive.caching.delete.{_model.__name__}")
post_delete.connect(_changed, sender=Comment, dispatch_uid="archive.caching.delete.Comment")


@receiver(post_save, sender=Comment, dispatch_uid="archive.caching.save.Comment")
def _comment_saved(sender, instance, created, using, **kwargs):
    # A reader's new comment shows nowhere until an editor approves it.
    if not created or instance.status == Comment.Status.APPROVED:
        archive_changed(using)


@receiver(m2m_changed, sender=Post.categories.through, dispatch_uid="archive.caching.categories")
def _categories_changed(sender, action, using, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"}:
        archive_changed(using)


# Keys and validators -----------------------------------------------------------------------------


@functools.cache
def release():
    """A digest of what renders the pages, so that a deploy never serves pages stored by the last one."""
    package = Path(__file__).resolve().parent
    files = list(package.rglob("*.py"))
    for folder in settings.TEMPLATES[0]["DIRS"]:
        files.extend(Path(folder).rglob("*"))
    # Production pages name static files by their hashes, listed in the manifest.
    files.append(Path(settings.STATIC_ROOT) / "staticfiles.json")
    digest = hashlib.sha256(django.get_version().encode())
    for path in sorted(path for path in files if path.is_file()):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def page_key(request):
    """One key per URL and release; the entry says which generation it was rendered in."""
    url = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return f"archive:page:{release()}:{url}"


def _etag(generation):
    return f'W/"{release()}-{generation.key}"'


def _add_validators(response, generation):
    response["ETag"] = _etag(generation)
    response["Cache-Control"] = "no-cache"
    # Never a date after the response's own (a burst of changes can get ahead of the clock).
    if generation.changed <= time.time():
        response["Last-Modified"] = http_date(generation.last_modified)
    return response


def _not_modified(request, generation):
    """304 Not Modified if the request's validators match the current generation, else None."""
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match is not None:
        presented = {etag.removeprefix("W/") for etag in parse_etags(if_none_match)}
        if _etag(generation).removeprefix("W/") in presented:
            return _add_validators(HttpResponseNotModified(), generation)
        return None
    since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE") or "")
    if since is not None and generation.last_modified <= since:
        return _add_validators(HttpResponseNotModified(), generation)
    return None


# The middleware ----------------------------------------------------------------------------------


def _is_reader_page(request):
    if request.method not in {"GET", "HEAD"}:
        return False
    # Signed-in visitors and anyone with a notice waiting always get a fresh page.
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    return _is_reader_route(request.path_info, getattr(request, "urlconf", None) or settings.ROOT_URLCONF)


@functools.lru_cache(maxsize=4096)
def _is_reader_route(path, urlconf):
    # The URL patterns never change while a process runs: each path is resolved once.
    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return False
    return match.namespace == "archive" or match.url_name in READER_ROUTES


def _storable(response):
    """A complete, successful page that says nothing against caching it."""
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Cache-Control")
        and not response.has_header("Vary")
    )


def _entry(response, generation):
    """What the cache keeps of a page: its generation, its content, its headers."""
    headers = tuple((name, value) for name, value in response.items() if name.lower() not in OWN_HEADERS)
    return generation.key, response.content, headers


def _response(content, headers):
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    return response


def _lookup(request):
    """The current generation and the stored page for this URL, in one cache round trip."""
    key = page_key(request)
    local = local_pages.get(key) if settings.PAGE_CACHE else None
    keys = [GENERATION_KEY]
    if settings.PAGE_CACHE and local is None:
        keys.append(key)
    found = cache.get_many(keys)
    generation = Generation(*found[GENERATION_KEY]) if GENERATION_KEY in found else current_generation()
    if local is not None:
        if local[0] == generation.key:
            return generation, local
        # Out of date here; another process may have stored the page anew.
        found[key] = cache.get(key)
    entry = found.get(key)
    # A page stored under an earlier generation is out of date: render it again.
    if entry is None or entry[0] != generation.key:
        return generation, None
    local_pages.put(key, entry)
    return generation, entry


class CachedPageMiddleware:
    """Answers reader pages from the cache, before sessions, authentication and the view.

    Early in MIDDLEWARE: right after the security, static-file and CSP
    middleware, whose headers every response needs. A hit costs one cache round
    trip and skips everything below; the frame-options middleware it skips is
    applied here, so a hit carries the same headers as the page did when it was
    rendered. Misses go on down to PageCacheMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.frame_options = XFrameOptionsMiddleware(get_response)

    def __call__(self, request):
        if not _is_reader_page(request):
            return self.get_response(request)
        # Read once, before anything is rendered, for the lookup and the store
        # alike: a page rendered before a change committed is only ever stored
        # under a generation that the change's commit has replaced.
        generation, entry = _lookup(request)
        request.archive_generation = generation
        not_modified = _not_modified(request, generation)
        if not_modified is not None:
            return not_modified
        if entry is None:
            request.archive_page_cache_miss = True
            return self.get_response(request)
        _, content, headers = entry
        response = _add_validators(_response(content, headers), generation)
        response["Content-Length"] = str(len(content))
        response["X-Cache"] = "hit"
        return self.frame_options.process_response(request, response)


class PageCacheMiddleware:
    """Stores the reader's pages that CachedPageMiddleware did not find, and gives them validators.

    Last in MIDDLEWARE, so that it sees the view's own response.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not getattr(request, "archive_page_cache_miss", False):
            return self.get_response(request)
        generation = request.archive_generation
        response = self.get_response(request)
        if not _storable(response):
            return response
        if settings.PAGE_CACHE:
            entry = _entry(response, generation)
            key = page_key(request)
            cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
            local_pages.put(key, entry)
            response["X-Cache"] = "miss"
        _add_validators(response, generation)
        return response
