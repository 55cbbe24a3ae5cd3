"""Load listing files into the archive: idempotent, atomic, editor-safe.

One pass over the files, in listing order. Worker processes
(archive.importing.workers) parse each file, check it against the database's
limits and prepare its posts' rows (archive.importing.reading), while this
process writes them in batches inside one transaction
(archive.importing.writing). A post is written from the first listing it
appears in; the categories later listings file it under are added to it before
the transaction ends. Once any file has a problem, nothing more is written, the
remaining files are still read so that every problem is reported, and the
transaction is rolled back: nothing is imported. The archive is never held in
memory (a few batches of posts at a time), and never left half-imported.
"""

from pathlib import Path

from django.db import connection, transaction

from .. import derived
from ..search.sqlite import indexing_by_batch
from .listing.parser import ListingError
from .wordpress.reader import is_wordpress_export
from .reading import read_file
from .workers import default_workers, worker_map
from .rows import settle_after_commit
from .writing import Summary, Writer

__all__ = ["ImportFailed", "Summary", "import_listings", "listing_files"]

# Listing text read and prepared ahead of the posts being written: the writes
# never wait for the workers, and memory holds no more than this (about 2 000 posts).
AHEAD_BYTES = 8 * 2**20
# Listing text a worker is handed at a time: dozens of posts, not one file of a few.
TASK_BYTES = 256 * 2**10


class ImportFailed(Exception):
    def __init__(self, errors):
        self.errors = errors
        super().__init__(f"{len(errors)} problem(s); nothing was imported")


def listing_files(paths):
    """The *.txt files named by ``paths`` (files or folders), in listing order."""
    files, errors = [], []
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(path.glob("*.txt"))
            if not found:
                errors.append(ListingError(path, 0, "no *.txt listing files in this folder"))
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            errors.append(ListingError(path, 0, "no such file or folder"))
    # Listing order is file-name order, wherever the files live.
    files = sorted(dict.fromkeys(files), key=lambda file: (file.name, str(file)))
    return files, errors


EXPORT_PATTERNS = ("*.xml", "*.xml.gz")


def import_files(paths):
    """The listing captures and the WordPress exports named by ``paths``, and the problems finding them.

    A folder gives its *.txt files (listings) and its *.xml and *.xml.gz files
    (exports); a file named on its own is an export if its content says so
    (whatever its name), else a listing.
    """
    listings, exports, errors = [], [], []
    for path in map(Path, paths):
        if path.is_dir():
            found_exports = sorted({file for pattern in EXPORT_PATTERNS for file in path.glob(pattern)})
            found_listings = sorted(path.glob("*.txt"))
            for file in found_exports:
                if _is_export(file):
                    exports.append(file)
                else:
                    errors.append(ListingError(file, 1, "not a WordPress export (WXR) file"))
            listings.extend(found_listings)
            if not found_exports and not found_listings:
                errors.append(ListingError(path, 0, "no listing (*.txt) or WordPress export (*.xml) files here"))
        elif path.is_file():
            (exports if _is_export(path) else listings).append(path)
        else:
            errors.append(ListingError(path, 0, "no such file or folder"))
    return listings, sorted(dict.fromkeys(exports)), errors


def _is_export(path):
    try:
        return is_wordpress_export(path)
    except OSError:
        return False  # read, and reported, as a listing


class Importer:
    def __init__(self, paths, *, dry_run=False, progress=None, workers=None):
        self.paths = paths
        self.summary = Summary(dry_run=dry_run)
        self.progress = progress or (lambda total: _NoProgress())
        self.workers = default_workers() if workers is None else workers

    def run(self):
        files, errors = listing_files(self.paths)
        sizes = [_size(path) for path in files]
        names_unique = len({path.name for path in files}) == len(files)
        with worker_map(
            read_file, files, workers=self.workers, sizes=sizes, ahead=AHEAD_BYTES, chunk=TASK_BYTES
        ) as read:
            with transaction.atomic():
                with indexing_by_batch(connection) as index, derived.batch() as changes:
                    writer = Writer(self.summary, index, names_unique=names_unique)
                    self.write(writer, zip(read, sizes), sum(sizes), errors, changes)
                if self.summary.dry_run:
                    transaction.set_rollback(True)
        if self.summary.changed_anything and not self.summary.dry_run:
            settle_after_commit(self.summary.created + self.summary.updated)
        return self.summary

    def write(self, writer, read, total, errors, changes):
        """Write each file's posts as it comes; after a problem, only gather the others (and roll back).

        ``changes`` (archive.derived.Batch) learns what the rows written without
        signals changed: its end renumbers and starts a new generation.
        """
        bar = self.progress(total)
        try:
            for listing, size in read:
                errors.extend(listing.errors)
                if not errors:
                    writer.add(listing)
                bar.update(size, writer.summary.posts)
            if errors:
                raise ImportFailed(errors)
            in_order = writer.finish()
        finally:
            bar.close()
        # Into an empty archive, ranks and placements were given as the posts were written.
        changes.order_changed = bool(self.summary.created) and not in_order
        # Captures file posts under categories alone: the tags' placements stay as they are.
        changes.categories_changed = bool(self.summary.updated)
        changes.placed = bool(self.summary.created)
        # Sources are written as plain rows: into an empty archive with their outlets' placements, into another
        # those are numbered again once, at the batch's end.
        changes.citations_changed |= bool(self.summary.sources_created) and not writer.into_empty
        changes.changed = self.summary.changed_anything
        changes.refiled |= writer.refiled


def _size(path):
    try:
        return path.stat().st_size
    except OSError:
        return 0  # read_file reports it


class _NoProgress:
    def update(self, size, posts):
        pass

    def close(self):
        pass


def import_listings(paths, *, dry_run=False, progress=None, workers=None):
    """Import the listing files or folders in ``paths``; return a Summary.

    ``workers``: processes that read the listings while this one writes (default:
    one per CPU but this one; 0: none, this process does everything).
    """
    return Importer(paths, dry_run=dry_run, progress=progress, workers=workers).run()
