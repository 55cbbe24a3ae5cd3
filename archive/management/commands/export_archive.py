from django.core.management.base import BaseCommand

from archive.backup import export_archive


class Command(BaseCommand):
    help = (
        "Write the whole archive (posts, categories, sources, comments, editors, history) to PATH, "
        "as JSON Lines; gzip-compressed when PATH ends in .gz. Safe while the site is running."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="PATH")

    def handle(self, *args, path, verbosity, **options):
        counts = export_archive(path)
        if verbosity:
            for label, n in sorted(counts.items()):
                self.stdout.write(f"{label}: {n}")
            self.stdout.write(self.style.SUCCESS(f"Archive exported to {path}."))
