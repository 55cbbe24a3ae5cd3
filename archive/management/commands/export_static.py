"""python manage.py export_static DIR --base-url https://archive.example: the reader's site as plain files."""

from django.core.management.base import BaseCommand, CommandError

from archive.static_export import export_site
from archive.static_export.search_index import PART_SIZE
from archive.static_export.writer import ExportFailed


class Command(BaseCommand):
    help = "Write the whole reader's site into DIR as plain files that any file server can host."

    def add_arguments(self, parser):
        parser.add_argument("folder", metavar="DIR")
        parser.add_argument(
            "--base-url", required=True,
            help="the address the folder will be served at (feeds and robots.txt name it), e.g. https://archive.example",
        )
        parser.add_argument(
            "--processes", type=int, default=1, metavar="N",
            help="processes that ask for the pages at once (default 1); each opens a database connection",
        )
        parser.add_argument(
            "--search-part-size", type=int, default=PART_SIZE, metavar="N",
            help=f"the most pages indexed for search in one run of Pagefind's indexer (default {PART_SIZE}): "
            "memory grows with it; more parts make each search fetch a little more",
        )

    def handle(self, *args, folder, base_url, processes, search_part_size, verbosity, **options):
        if processes < 1:
            raise CommandError("--processes: 1 or more")
        if search_part_size < 1:
            raise CommandError("--search-part-size: 1 or more")
        try:
            report = export_site(folder, base_url, processes=processes, search_part_size=search_part_size)
        except ExportFailed as problem:
            raise CommandError(str(problem)) from None
        if verbosity:
            self.stdout.write(
                f"{len(report.files)} files in {folder}: {report.written} written, {report.unchanged} unchanged, "
                f"{report.removed} removed."
            )
