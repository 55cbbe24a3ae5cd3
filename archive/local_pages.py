"""The pages one process stored or served last, kept in its own memory.

With a shared cache (Redis) a page-cache hit then reads only the generation, a
few bytes, instead of the whole page. The generation is still read on every
request, so a change made by any process makes these pages out of date exactly
as it does the shared ones (archive/caching.py). PAGE_CACHE_LOCAL_PAGES bounds
how many are kept; 0 keeps none.
"""

import threading
from collections import OrderedDict

from django.conf import settings


class LocalPages:
    """Page-cache entries by key; the least recently used are forgotten first."""

    def __init__(self):
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def put(self, key, entry):
        size = settings.PAGE_CACHE_LOCAL_PAGES
        if not size:
            return
        with self.lock:
            self.entries[key] = entry
            self.entries.move_to_end(key)
            while len(self.entries) > size:
                self.entries.popitem(last=False)

    def clear(self):
        with self.lock:
            self.entries.clear()


local_pages = LocalPages()
