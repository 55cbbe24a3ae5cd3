"""Hold off the receivers that keep derived data in step, while many rows change at once.

Ranks, category placements and search terms follow every single edit through
signal receivers (archive/signals.py, Post's delete receiver). When thousands
of rows change in one go (deleting a selection of posts, restoring a backup)
running them per row would redo the same work thousands of times; inside
``derived_data_deferred()`` they do nothing, and the caller brings the derived
data up to date once, at the end.
"""

import contextlib
from contextvars import ContextVar

_deferred = ContextVar("archive_derived_data_deferred", default=False)


@contextlib.contextmanager
def derived_data_deferred():
    token = _deferred.set(True)
    try:
        yield
    finally:
        _deferred.reset(token)


def is_deferred():
    return _deferred.get()
