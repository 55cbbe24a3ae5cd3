"""The original blog's links, kept as old paths (archive.models.OldPath) that lead to what they showed.

A post's permalink (``/2013/01/10/slug/``, ``/slug/``, whatever the blog's
permalink structure), a page's, ``/?p=ID``, ``/?page_id=ID``,
``/?attachment_id=ID`` and an attachment's own page (which lead to the post it
was uploaded to), and a child category's ``/category/parent/child/``. Paths are
taken relative to the blog's address (a blog at example.com/blog/ had
/blog/2013/…: the archive serves it as /2013/…) and kept as a request names
them, decoded. A path already kept is left as it is: a re-import adds only new
ones.
"""

from urllib.parse import unquote, urlsplit

from django.db import connection
from django.utils import timezone

from ...models import OldPath
from ..rows import insert_rows

KINDS = ("post", "page", "category", "tag")


class OldLinks:
    """Gathers an export's old paths and writes them in batches."""

    def __init__(self, site):
        self.base = urlsplit(site).path.rstrip("/")  # the blog's own path, e.g. /blog
        self.rows = []

    def path_of(self, link):
        """The path of ``link`` on the archive: decoded, relative to the blog's address; None if it has none."""
        parts = urlsplit(link.strip())
        path = unquote(parts.path)
        if self.base and (path == self.base or path.startswith(self.base + "/")):
            path = path[len(self.base):] or "/"
        if not path.startswith("/") or path == "/" or len(path) > 2000:
            return None
        return path

    def add(self, kind, pk, link="", query=None):
        """``kind`` ("post", "page", "category") ``pk`` was at ``link`` and at ``/?query``, e.g. "p=123"."""
        for path in (self.path_of(link) if link else None, f"/?{query}" if query else None):
            if path:
                self.rows.append((path, kind, pk))

    def write(self):
        if not self.rows:
            return
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        insert_rows(OldPath, ["path", *KINDS, "created"], [
            (path, *(pk if kind == other else None for other in KINDS), now) for path, kind, pk in self.rows
        ], ignore_conflicts=True)
        self.rows = []
