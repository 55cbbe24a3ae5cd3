from django.core.management.base import BaseCommand
from django.db import transaction

from archive import derived
from archive.models import Month, Post


class Command(BaseCommand):
    help = (
        "Work out the archive's derived data again: every rank, placement and size, and the months in the "
        "site's time zone. Run it after changing TIME_ZONE; imports and editors' changes keep it up to date."
    )

    def handle(self, *args, **options):
        with transaction.atomic(), derived.batch() as changes:
            changes.order_changed = True  # at the batch's end: every rank, placement, size and month
        self.stdout.write(
            f"Renumbered {Post.objects.count()} posts; {Month.objects.count()} months with posts."
        )
