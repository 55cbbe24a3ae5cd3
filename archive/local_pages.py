"""The pages and per-generation values one process used last, kept in its own memory.

With a shared cache (Redis) a page-cache hit then reads only the generation, a
few bytes, instead of the whole page. The generation is still read on every
request, so a change made by any process makes these pages out of date exactly
as it does the shared ones (archive/caching.py). PAGE_CACHE_LOCAL_PAGES bounds
how many pages are kept; 0 keeps none.

What every page needs once per generation (the category list, the categories
with their sizes) is kept the same way, under keys that hold the generation:
no cache read and no unpickling of the same objects on every request.
"""

import threading
from collections import OrderedDict

from django.conf import settings


class LocalPages:
    """Entries by key; the least recently used are forgotten first.

    ``size``: how many to keep; PAGE_CACHE_LOCAL_PAGES unless given.
    """

    def __init__(self, size=None):
        self.size = size
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def put(self, key, entry):
        size = settings.PAGE_CACHE_LOCAL_PAGES if self.size is None else self.size
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
# A handful of values per generation, plus one per outlet whose pages were read.
local_values = LocalPages(size=512)
