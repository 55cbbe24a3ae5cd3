"""Old paths in the editors' screens: under each post, page, category, tag and author, the paths to it."""

from django.contrib import admin

from ..models import OldPath


class OldPathInline(admin.TabularInline):
    """Every path that leads here with a 301: the original blog's links, and each slug it had before.

    Read-only but for deleting one (a path the archive should let go); a changed
    slug adds its old path by itself when the change is saved.
    """

    model = OldPath
    fields = ["path", "created"]
    readonly_fields = ["path", "created"]
    extra = 0
    verbose_name_plural = "old paths that lead here (301)"

    def has_add_permission(self, request, obj=None):
        return False
