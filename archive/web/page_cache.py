"""How a page is cached: conditional GET and one page cache, both keyed by the archive's generation.

The archive is read far more often than it changes, so each reader's page is
rendered once per *generation* of the archive and then served from the cache:

- The generation (archive.derived) is one cache entry that every committed
  change replaces: saving or deleting a post, category, outlet, source, listing
  or visible comment, filing posts, moderating comments, an import.
- Pages are stored under keys made of the release (a digest of the code and
  templates that render them) and the URL, each with the generation it was
  rendered in. The generation and the page come in one cache round trip; a page
  of an earlier generation is rendered again. A change makes every stored page
  out of date at once.
- Every page carries a weak ETag made of the same parts, and Last-Modified; a
  request presenting them gets 304 Not Modified after one cache read, with no
  rendering and no SQL.
- No page holds anything of the visitor's own: the comment form has no CSRF
  token (archive/views/posts.py), so one stored page serves every reader, and
  shared caches may keep it too.

Requests that carry a session cookie (editors, anyone signed in) and every
other method than GET and HEAD bypass all of this, as do the admin and every
response other than 200.
"""

import functools
import hashlib
import time
from pathlib import Path

import django
from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.urls import Resolver404, resolve
from django.utils.http import http_date, parse_etags, parse_http_date_safe

from ..derived import GENERATION_KEY, Generation, current_generation

# The routes of the reader's site outside the archive app's own namespace.
READER_ROUTES = {"robots", "sitemap", "sitemap_section"}
# Headers this module sets itself, never taken from a stored page.
OWN_HEADERS = {"etag", "last-modified", "cache-control", "x-cache"}


@functools.cache
def release():
    """A digest of what renders the pages, so that a deploy never serves pages stored by the last one."""
    package = Path(__file__).resolve().parent.parent
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


def _is_reader_page(request):
    if request.method not in {"GET", "HEAD"}:
        return False
    # Signed-in visitors and anyone with a notice waiting always get a fresh page.
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    try:
        match = resolve(request.path_info, getattr(request, "urlconf", None))
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


def _lookup(request):
    """The current generation and the stored page for this URL, in one cache round trip."""
    key = page_key(request)
    found = cache.get_many([GENERATION_KEY, key] if settings.PAGE_CACHE else [GENERATION_KEY])
    generation = Generation(*found[GENERATION_KEY]) if GENERATION_KEY in found else current_generation()
    entry = found.get(key)
    # A page stored under an earlier generation is out of date: render it again.
    if entry is None or entry[0] != generation.key:
        return generation, None
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
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        _add_validators(response, generation)
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
            # What the cache keeps of a page: its generation, its content, its headers.
            headers = tuple((name, value) for name, value in response.items() if name.lower() not in OWN_HEADERS)
            cache.set(page_key(request), (generation.key, response.content, headers), settings.PAGE_CACHE_SECONDS)
            response["X-Cache"] = "miss"
        _add_validators(response, generation)
        return response
