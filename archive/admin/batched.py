"""One save, one upkeep: what an editor changes with one click is brought up to date once, at its end."""

from django.db import router, transaction

from .. import derived


class ChangesInOneBatch:
    """A ModelAdmin whose every screen changes the archive in one transaction and one ``derived.batch()``.

    One click can change many rows: a post saved with its sources and comments,
    an outlet deleted with every source citing it, an action on a page of rows.
    Each of those rows, saved alone, would renumber the placements it touches;
    in one batch they are renumbered once.
    """

    def _in_one_batch(self, view, *args, **kwargs):
        with transaction.atomic(using=router.db_for_write(self.model)), derived.batch():
            return view(*args, **kwargs)

    def changeform_view(self, *args, **kwargs):
        return self._in_one_batch(super().changeform_view, *args, **kwargs)

    def delete_view(self, *args, **kwargs):
        return self._in_one_batch(super().delete_view, *args, **kwargs)

    def changelist_view(self, *args, **kwargs):
        return self._in_one_batch(super().changelist_view, *args, **kwargs)
