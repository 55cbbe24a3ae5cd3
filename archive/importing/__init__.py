"""Load listing files into the archive: idempotent, atomic, editor-safe.

Two passes over the files. The first (archive.importing.reading.plan_file)
parses every file, checks it against the database's limits and gathers, for
each post, every category it is filed under across all the listings and the
first place it appears; nothing is written if any file has a problem. The
second parses the files again and prepares each post's row from the file it
first appears in, while this process writes them in batches inside one
transaction (archive.importing.writing). Both passes run in worker processes
(archive.importing.workers). The archive is never held in memory (one listing
file at a time, and a few batches of posts), and never left half-imported.
"""

from collections import Counter
from pathlib import Path

from django.db import connection, transaction

from ..caching import archive_changed
from ..listing.parser import ListingError
from ..ranking import renumber_categories, renumber_posts
from ..search.index import merge_pending_entries
from ..search.sqlite import indexing_by_batch
from .reading import PostPlan, plan_file, prepare_file, use_plans
from .workers import default_workers, worker_map
from .writing import BATCH_SIZE, Summary, Writer, listing_rows, refresh_statistics

__all__ = ["ImportFailed", "Summary", "import_listings", "listing_files"]

# Posts prepared ahead of the ones being written, in batches: the writes never
# wait for the workers, and memory holds no more than these.
AHEAD = 4
# After this many posts written, the query planner's statistics are out of date.
ANALYZE_AFTER = 1000


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


class Importer:
    def __init__(self, paths, *, dry_run=False, progress=None, workers=None):
        self.paths = paths
        self.summary = Summary(dry_run=dry_run)
        self.progress = progress or (lambda total: _NoProgress())
        self.workers = default_workers() if workers is None else workers
        self.headings = {}  # file name → (kind, name, page)

    def run(self):
        files, errors = listing_files(self.paths)
        plans = self.plan(files, errors)
        # Each file's new posts, so that workers stay a few batches ahead of the writes and no further.
        sizes = Counter(plan.first_file for plan in plans.values())
        use_plans(plans)  # before the workers fork, so that they have them too
        try:
            self.write(files, [sizes[path.name] for path in files])
        finally:
            use_plans({})
        if self.summary.changed_anything and not self.summary.dry_run:
            archive_changed()
            if self.summary.created + self.summary.updated >= ANALYZE_AFTER:
                refresh_statistics()
            merge_pending_entries(connection)
        return self.summary

    def write(self, files, sizes):
        ahead = AHEAD * BATCH_SIZE
        with worker_map(prepare_file, files, workers=self.workers, sizes=sizes, ahead=ahead) as prepared:
            with transaction.atomic():
                with indexing_by_batch(connection) as index:
                    self.write_posts(prepared, Writer(self.summary, listing_rows(self.headings), index))
                if self.summary.dry_run:
                    transaction.set_rollback(True)

    def write_posts(self, prepared, writer):
        bar = self.progress(self.summary.posts)
        batch = []
        for posts in prepared:
            batch.extend(posts)
            if len(batch) >= BATCH_SIZE:
                writer.write_batch(batch)
                bar.update(len(batch))
                batch = []
        writer.write_batch(batch)
        bar.update(len(batch))
        bar.close()
        if self.summary.created:
            renumber_posts()
        elif self.summary.updated:
            renumber_categories()

    def plan(self, files, errors):
        plans = {}
        # This process only waits during the first pass: one more worker.
        with worker_map(plan_file, files, workers=self.workers + 1 if self.workers else 0) as planned:
            for path, file_plan in zip(files, planned):
                errors.extend(file_plan.errors)
                if file_plan.heading is None:
                    continue
                self.summary.files += 1
                self.headings[path.name] = file_plan.heading
                for key, position, categories in file_plan.posts:
                    plan = plans.get(key)
                    if plan is None:
                        plan = plans[key] = PostPlan(first_file=path.name, first_position=position)
                    plan.categories.update(categories)
        if errors:
            raise ImportFailed(errors)
        self.summary.posts = len(plans)
        self.summary.categories_seen = len(set().union(*(plan.categories for plan in plans.values())))
        return plans


class _NoProgress:
    def update(self, count):
        pass

    def close(self):
        pass


def import_listings(paths, *, dry_run=False, progress=None, workers=None):
    """Import the listing files or folders in ``paths``; return a Summary.

    ``workers``: processes that read the listings while this one writes (default:
    one per CPU but this one; 0: none, this process does everything).
    """
    return Importer(paths, dry_run=dry_run, progress=progress, workers=workers).run()
