from django.core.management.base import BaseCommand, CommandError

from archive.backup import RestoreRefused, restore_archive


class Command(BaseCommand):
    help = (
        "Load a file written by export_archive into this database, which must be empty "
        "(freshly created and migrated). All or nothing: a damaged file changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="PATH")

    def handle(self, *args, path, verbosity, **options):
        try:
            counts = restore_archive(path)
        except RestoreRefused as refusal:
            raise CommandError(str(refusal), returncode=1) from None
        except Exception as error:  # a record the database refuses: loaddata names the file
            cause = error
            while cause.__cause__ is not None:
                cause = cause.__cause__
            message = " ".join(str(cause).split())
            raise CommandError(f"{path}: {message}; nothing was restored.", returncode=1) from None
        if verbosity:
            for label, n in sorted(counts.items()):
                self.stdout.write(f"{label}: {n}")
            self.stdout.write(self.style.SUCCESS(f"Archive restored from {path}."))
