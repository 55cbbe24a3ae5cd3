"""The original blog's links, kept as old paths (archive.models.OldPath) that lead to what they showed.

A post's permalink (``/2013/01/10/slug/``, ``/slug/``, whatever the blog's
permalink structure), a page's, ``/?p=ID``, ``/?page_id=ID``, a child
category's ``/category/parent/child/``, an author's ``/author/NICENAME/`` and
``/?author=ID``, and ``/?attachment_id=ID`` and an attachment's own page: they
lead to the attachment's file where the archive holds it (``--uploads``), else
to the post or page it was uploaded to. Paths are taken relative to the blog's
address (a blog at example.com/blog/ had /blog/2013/…: the archive serves it as
/2013/…) and kept as a request names them, decoded. A path already kept is left
as it is, but for an attachment's, which leads to its file once the archive
holds it: a re-import adds only new ones.
"""

from urllib.parse import unquote, urlsplit

from django.db import connection
from django.utils import timezone

from ...models import OldPath
from ..rows import insert_rows

KINDS = ("post", "page", "category", "tag", "author")


class OldLinks:
    """Gathers an export's old paths and writes them in batches."""

    def __init__(self, site):
        self.base = urlsplit(site).path.rstrip("/")  # the blog's own path, e.g. /blog
        self.rows = []
        self.files = {}  # path → the name of the file it leads to in the archive's storage

    def path_of(self, link):
        """The path of ``link`` on the archive: decoded, relative to the blog's address; None if it has none."""
        parts = urlsplit(link.strip())
        path = unquote(parts.path)
        if self.base and (path == self.base or path.startswith(self.base + "/")):
            path = path[len(self.base):] or "/"
        if not path.startswith("/") or path == "/" or len(path) > 2000:
            return None
        return path

    def paths(self, link, query):
        """The paths of ``link`` and of ``/?query``, those that are paths."""
        return [path for path in (self.path_of(link) if link else None, f"/?{query}" if query else None)
                if path]

    def add(self, kind, pk, link="", query=None):
        """``kind`` (one of KINDS) ``pk`` was at ``link`` and at ``/?query``, e.g. "p=123"."""
        self.rows.extend((path, kind, pk) for path in self.paths(link, query))

    def add_file(self, name, link="", query=None):
        """The file ``name`` (in the archive's storage) was shown at ``link`` and at ``/?query``."""
        self.files.update((path, name) for path in self.paths(link, query))

    def write(self):
        if self.rows:
            now = connection.ops.adapt_datetimefield_value(timezone.now())
            insert_rows(OldPath, ["path", *KINDS, "created"], [
                (path, *(pk if kind == other else None for other in KINDS), now)
                for path, kind, pk in self.rows
            ], ignore_conflicts=True)
            self.rows = []
        if self.files:
            # A path that led to the post before the file was here leads to the file from now on.
            OldPath.objects.bulk_create(
                [OldPath(path=path, file=name) for path, name in self.files.items()], batch_size=500,
                update_conflicts=True, unique_fields=["path"], update_fields=["file", *KINDS],
            )
            self.files = {}
