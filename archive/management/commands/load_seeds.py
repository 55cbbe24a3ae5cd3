import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from archive.importing.importer import ImportFailed, import_listings


# Smaller imports (a few dozen posts) are over in a moment: no progress bar.
PROGRESS_FROM_BYTES = 100 * 2**10


class _Progress:
    """The listing text read so far, and the posts met in it, on the terminal (standard error)."""

    def __init__(self, total, disable):
        self.bar = tqdm(total=total, unit="B", unit_scale=True, disable=disable, file=sys.stderr)

    def update(self, size, posts):
        self.bar.set_postfix_str(f"{posts} posts", refresh=False)
        self.bar.update(size)

    def close(self):
        self.bar.close()


class Command(BaseCommand):
    help = (
        "Load archived listing pages (text captures) into the archive. With no PATH, "
        "loads every *.txt file in seeds/. Safe to run again: nothing is duplicated, "
        "and posts changed by editors are kept as they are."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", metavar="PATH", help="listing files or folders of them")
        parser.add_argument(
            "--dry-run", action="store_true", help="report what would change without writing anything"
        )
        parser.add_argument(
            "--workers", type=int, default=None, metavar="N",
            help="processes that read the listings while this one writes (default: one per CPU but one; 0: none)",
        )

    def handle(self, *args, paths, dry_run, workers, verbosity, **options):
        paths = paths or [settings.SEEDS_DIR]
        if workers is not None and workers < 0:
            raise CommandError("--workers: 0 or more")
        interactive = verbosity > 0 and sys.stderr.isatty()

        def progress(total):
            return _Progress(total, disable=not interactive or total < PROGRESS_FROM_BYTES)

        try:
            summary = import_listings(paths, dry_run=dry_run, progress=progress, workers=workers)
        except ImportFailed as failure:
            for error in failure.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"{len(failure.errors)} problem(s) found; nothing was imported.", returncode=1
            ) from None
        if verbosity:
            self.report(summary)

    def report(self, summary):
        if summary.dry_run:
            self.stdout.write("Dry run: nothing was written. This is what an import would do.")
        self.stdout.write(f"Files read: {summary.files} ({summary.posts} posts)")
        self.stdout.write(
            f"Posts: {summary.created} created, {summary.updated} updated, "
            f"{summary.unchanged} unchanged, {summary.kept} kept (edited since import, left as the editor made them)"
        )
        self.stdout.write(f"Categories: {summary.categories_seen} in the listings, {summary.categories_created} new")
        self.stdout.write(f"Sources: {summary.sources_cited} cited, {summary.sources_created} written")
        if not summary.changed_anything:
            self.stdout.write(self.style.SUCCESS("Nothing new: the archive already holds every post."))
        elif not summary.dry_run:
            self.stdout.write(self.style.SUCCESS("Import complete."))
