"""The archive's URLs, reversed once per process and then remembered.

Every list page links to the same categories, outlets and neighbouring pages,
and a post is linked from several pages: ``reverse()`` costs tens of
microseconds a call, a lookup here almost nothing. The script prefix and the
URLconf in force are part of the key, so either changing gives fresh URLs; the
least recently used are forgotten first.

Reading those two costs more than the lookup itself (each is an asgiref Local),
and a page makes dozens of links: LinkScopeMiddleware reads them once per
request, once its URL is resolved, for every link the page then makes.
"""

import contextvars
import functools

from django.urls import get_script_prefix, get_urlconf, reverse

# (script prefix, URLconf) of the request being answered; None outside one.
_scope = contextvars.ContextVar("archive_link_scope", default=None)


@functools.lru_cache(maxsize=8192)
def _reverse(prefix, urlconf, name, kwargs):
    return reverse(name, kwargs=dict(kwargs), urlconf=urlconf)


def link(name, **kwargs):
    """``reverse(name, kwargs=kwargs)``, remembered."""
    prefix, urlconf = _scope.get() or (get_script_prefix(), get_urlconf())
    return _reverse(prefix, urlconf, name, tuple(sorted(kwargs.items())))


class LinkScopeMiddleware:
    """Reads the request's script prefix and URLconf once, for every link its page makes."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            return self.get_response(request)
        finally:
            token = request.__dict__.pop("archive_link_scope", None)
            if token is not None:
                _scope.reset(token)

    def process_view(self, request, view, args, kwargs):
        # After URL resolution: a request's own URLconf (request.urlconf) is in force.
        request.archive_link_scope = _scope.set((get_script_prefix(), get_urlconf()))
