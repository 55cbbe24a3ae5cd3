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
from django.urls import Resolver404, resolve
from django.utils.http import http_date, parse_etags, parse_http_date_safe, urlencode

from ..derived import GENERATION_KEY, Generation, current_generation

# The routes of the reader's site outside the archive app's own namespace, with
# the query parameters each reads (class-based views say theirs themselves, as
# ``query_parameters``).
READER_ROUTES = {"robots": (), "sitemap": (), "sitemap_section": ("p",)}
# Settings that change what pages say: a page stored under other values is not served.
RENDERING_SETTINGS = ("SITE_TITLE", "SITE_INTRODUCTION", "LISTS_SHOW", "POSTS_PER_PAGE", "FEED_SIZE")
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
    # And the settings that change what a page says.
    digest.update(repr([getattr(settings, name, None) for name in RENDERING_SETTINGS]).encode())
    for path in sorted(path for path in files if path.is_file()):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def page_key(request, parameters):
    """One key per page and release; the entry says which generation it was rendered in.

    The page is its URL with only the query ``parameters`` its view reads: a
    link with ``?utm_source=…`` or ``?fbclid=…`` is the same page as without,
    served from the same entry, and no flood of made-up URLs fills the cache.
    """
    kept = sorted((name, value) for name in parameters for value in request.GET.getlist(name))
    url = f"{request.scheme}://{request.get_host()}{request.path}?{urlencode(kept)}"
    return f"archive:page:{release()}:{hashlib.sha256(url.encode()).hexdigest()}"


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


def _reader_page_parameters(request):
    """The query parameters the page reads, if the request is for a reader's page that may be cached; else None."""
    if request.method not in {"GET", "HEAD"}:
        return None
    # Signed-in visitors and anyone with a notice waiting always get a fresh page.
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return None
    try:
        match = resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        return None
    if match.namespace == "archive":
        return getattr(getattr(match.func, "view_class", None), "query_parameters", ())
    return READER_ROUTES.get(match.url_name)


def _storable(response):
    """A complete, successful page that says nothing against caching it."""
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Cache-Control")
        and not response.has_header("Vary")
    )


def _lookup(request, key):
    """The current generation and the stored page under ``key``, in one cache round trip."""
    found = cache.get_many([GENERATION_KEY, key] if settings.PAGE_CACHE else [GENERATION_KEY])
    generation = Generation(*found[GENERATION_KEY]) if GENERATION_KEY in found else current_generation()
    entry = found.get(key)
    # A page stored under an earlier generation is out of date: render it again.
    if entry is None or entry[0] != generation.key:
        return generation, None
    return generation, entry


class PageCacheMiddleware:
    """Answers reader pages from the cache, and stores the ones it did not have.

    Near the top of MIDDLEWARE, right after the security and static-file
    middleware: a hit costs one cache round trip and skips everything below it,
    sessions, authentication, the view. A miss goes down the stack, and the page
    is stored as it comes back up, with the headers the middleware below gave it
    (the Content-Security-Policy, X-Frame-Options): a hit carries the very
    headers the page had when it was rendered, for the release that rendered it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        parameters = _reader_page_parameters(request)
        if parameters is None:
            return self.get_response(request)
        key = page_key(request, parameters)
        # Read once, before anything is rendered, for the lookup and the store
        # alike: a page rendered before a change committed is only ever stored
        # under a generation that the change's commit has replaced.
        generation, entry = _lookup(request, key)
        not_modified = _not_modified(request, generation)
        if not_modified is not None:
            return not_modified
        if entry is not None:
            _, content, headers = entry
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            response["X-Cache"] = "hit"
            return _add_validators(response, generation)
        response = self.get_response(request)
        if not _storable(response):
            return response
        if settings.PAGE_CACHE:
            # What the cache keeps of a page: its generation, its content, its headers.
            headers = tuple((name, value) for name, value in response.items() if name.lower() not in OWN_HEADERS)
            cache.set(key, (generation.key, response.content, headers), settings.PAGE_CACHE_SECONDS)
            response["X-Cache"] = "miss"
        return _add_validators(response, generation)
