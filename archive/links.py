"""The archive's URLs, reversed once per process and then remembered.

Every list page links to the same categories, outlets and neighbouring pages,
and a post is linked from several pages: ``reverse()`` costs tens of
microseconds a call, a lookup here almost nothing. The script prefix and the
URLconf in force are part of the key, so either changing gives fresh URLs; the
least recently used are forgotten first.
"""

import functools

from django.urls import get_script_prefix, get_urlconf, reverse


@functools.lru_cache(maxsize=8192)
def _reverse(prefix, urlconf, name, kwargs):
    return reverse(name, kwargs=dict(kwargs), urlconf=urlconf)


def link(name, **kwargs):
    """``reverse(name, kwargs=kwargs)``, remembered."""
    return _reverse(get_script_prefix(), get_urlconf(), name, tuple(sorted(kwargs.items())))
