"""The archive's generation: one cache entry that every committed change replaces.

The page cache (archive.web.page_cache) serves a stored page only if it was
rendered in the current generation.
"""

import functools
import math
import secrets
import time
from contextvars import ContextVar
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction



GENERATION_KEY = "archive:generation"


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


class _Pending:
    started = False


_pending = ContextVar("archive_generation_pending", default=None)


def archive_changed(using=None):
    """Start a new generation when the current transaction commits (at once outside one).

    Never earlier: a reader who renders a page meanwhile sees the data as it was
    and stores the page under the old generation, which the commit then replaces.
    A rolled-back change starts none, and a transaction starts one however many
    changes it makes: its hooks share one ``_Pending``, and only the first to run
    starts a generation. (A rolled-back transaction's hooks never run; its
    ``_Pending`` is then shared by the next transaction's, which is as good.)
    """
    pending = _pending.get()
    if pending is None or pending.started:
        pending = _Pending()
        _pending.set(pending)
    transaction.on_commit(functools.partial(_start_once, pending), using=using)


def _start_once(pending):
    if not pending.started:
        pending.started = True
        start_generation()


