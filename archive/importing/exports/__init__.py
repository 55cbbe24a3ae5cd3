"""Import a WordPress export (WXR): its posts, pages, categories, tags and comments.

The file is read twice, streamed (archive.importing.wordpress.reader): once
for its attachments, which galleries and media in bodies need wherever they
stand in the file, then for everything else, written in batches. What readers
must never see is not imported: drafts, pending, private, scheduled, trashed and
password-protected posts and pages, unapproved-and-rejected comments (spam,
trash), pingbacks and trackbacks; each is counted, with the reason, in the
summary. Pending comments come in pending, for editors to moderate.

Every post, page and comment is recognised on a re-import by its import key,
the export's site address and its WordPress id: an export taken later updates
what changed in WordPress, adds what is new, and leaves alone whatever an
editor changed here (the digest of what the import wrote no longer matches).
Categories and tags are matched by their slugs and never renamed by a re-import.
"""

from django.db import connection, transaction

from ... import derived
from ...search.sqlite import indexing_by_batch
from ..rows import settle_after_commit
from ..workers import default_workers
from .importer import ExportImporter
from .summary import ExportSummary
from .uploads import copy_uploads

__all__ = ["ExportSummary", "copy_uploads", "import_exports"]


def import_exports(paths, *, dry_run=False, progress=None, workers=None, uploads=None):
    """Import the WordPress exports at ``paths`` in one transaction; return an ExportSummary.

    A malformed or hostile file raises WordPressExportError (``PATH:LINE: what
    is wrong``) and the database is left exactly as it was. ``progress()``, if
    given, returns a bar whose ``update(items)`` is told of every item read.
    ``workers``: processes converting items meanwhile (by default one per CPU but this one's).
    ``uploads``: a copy of the blog's uploads folder; the posts name the files
    it holds at the archive's address (``summary.files``; those it lacks,
    ``summary.missing``), and ``copy_uploads(summary)`` copies them into the
    archive's storage once the import is committed.
    """
    workers = default_workers() if workers is None else workers
    summary = ExportSummary()
    bar = progress() if progress else None
    try:
        with transaction.atomic():
            with indexing_by_batch(connection) as index, derived.batch() as changes:
                for path in paths:
                    on_item = None if bar is None else bar.update
                    ExportImporter(
                        path, summary, changes, index, on_item=on_item, workers=workers, uploads=uploads
                    ).run()
            if dry_run:
                transaction.set_rollback(True)
    finally:
        if bar is not None:
            bar.close()
    if summary.changed_anything and not dry_run:
        written = sum(summary.counts[(kind, done)] for kind in ("posts", "comments") for done in ("created", "updated"))
        # The planner's statistics, out of date after so many rows: a tag's last page took 260 ms on
        # PostgreSQL at 100 000 posts until they were refreshed.
        settle_after_commit(written)
    return summary
