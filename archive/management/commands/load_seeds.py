import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from django.db import transaction

from archive import derived
from archive.importing.exports import copy_uploads, import_exports
from archive.importing.importer import ImportFailed, import_files, import_listings
from archive.importing.wordpress.records import WordPressExportError


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
        "Load archived listing pages (text captures) and WordPress exports (WXR, .xml or .xml.gz) into the "
        "archive. With no PATH, loads every *.txt file in seeds/. Safe to run again: nothing is duplicated, "
        "and what editors changed is kept as they left it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths", nargs="*", metavar="PATH", help="listing files, WordPress exports, or folders of them"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="report what would change without writing anything"
        )
        parser.add_argument(
            "--uploads", type=Path, default=None, metavar="DIR",
            help="a copy of the WordPress blog's wp-content/uploads folder: the files its posts name are copied "
            "into the archive's storage (MEDIA_ROOT)",
        )
        parser.add_argument(
            "--workers", type=int, default=None, metavar="N",
            help="processes that read listings or convert WordPress posts while this one writes "
            "(default: one per CPU but one; 0: none)",
        )

    def handle(self, *args, paths, dry_run, workers, uploads, verbosity, **options):
        paths = paths or [settings.SEEDS_DIR]
        if workers is not None and workers < 0:
            raise CommandError("--workers: 0 or more")
        if uploads is not None and not uploads.is_dir():
            raise CommandError(f"--uploads: {uploads} is not a folder")
        interactive = verbosity > 0 and sys.stderr.isatty()

        def progress(total):
            return _Progress(total, disable=not interactive or total < PROGRESS_FROM_BYTES)

        def export_progress():
            # Items read so far: an export's count of items is known only at its end.
            return tqdm(unit=" items", desc="WordPress export", disable=not interactive, file=sys.stderr)

        listings, exports, errors = import_files(paths)
        if errors:
            self.fail(errors)
        summary = export_summary = None
        try:
            # Listings and exports alike in one transaction: a problem in any file imports nothing.
            with transaction.atomic():
                with derived.batch():
                    if listings:
                        summary = import_listings(listings, dry_run=dry_run, progress=progress, workers=workers)
                    if exports:
                        export_summary = import_exports(
                            exports, dry_run=dry_run, progress=export_progress, workers=workers, uploads=uploads
                        )
                if dry_run:
                    transaction.set_rollback(True)
        except ImportFailed as failure:
            self.fail(failure.errors)
        except WordPressExportError as error:
            self.fail([error])
        if export_summary is not None and not dry_run:
            copy_uploads(export_summary)  # committed: the posts that name the files are there
        if verbosity and summary is not None:
            self.report(summary)
        if verbosity and export_summary is not None:
            self.report_exports(export_summary, dry_run)

    def fail(self, errors):
        for error in errors:
            self.stderr.write(str(error))
        raise CommandError(f"{len(errors)} problem(s) found; nothing was imported.", returncode=1)

    def report_exports(self, summary, dry_run):
        if dry_run:
            self.stdout.write("Dry run: nothing was written. This is what an import of the exports would do.")
        for line in summary.lines():
            self.stdout.write(line)
        if not summary.changed_anything:
            self.stdout.write(self.style.SUCCESS("Nothing new: the archive already holds the exports' content."))
        elif not dry_run:
            self.stdout.write(self.style.SUCCESS("WordPress import complete."))

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
