"""Old paths in the editors' screens: under each post, page, category, tag and author, the paths to it; and
every old link in one list, those that lead to files included."""

from django.contrib import admin
from django.utils.html import format_html

from ..models import OldPath
from ..models.old_paths import TARGETS


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


class LeadsTo(admin.SimpleListFilter):
    """Old paths by what they lead to: posts, pages, lists, authors, uploaded files."""

    title = "leads to"
    parameter_name = "leads_to"

    def lookups(self, request, model_admin):
        return [(target, target) for target in (*TARGETS, "file")]

    def queryset(self, request, queryset):
        if self.value() == "file":
            return queryset.exclude(file="")
        if self.value() in TARGETS:
            return queryset.filter(**{f"{self.value()}__isnull": False})
        return queryset


@admin.register(OldPath)
class OldPathAdmin(admin.ModelAdmin):
    """Every old link in one list: the original blog's paths and the slugs rows had before.

    The one screen for the paths that lead to an uploaded file (an attachment's
    page), which have no row of their own to show them under; and a way to find
    where any old link leads. Read-only but for deleting a path the archive should
    let go; the paths come from imports and changed slugs.
    """

    list_display = ["path", "leads_to", "created"]
    list_filter = [LeadsTo]
    search_fields = ["path", "file"]
    fields = ["path", "leads_to", "created"]
    readonly_fields = fields
    list_select_related = TARGETS
    show_full_result_count = False  # an archive of WordPress posts has hundreds of thousands

    class Media:
        # Long paths and titles break rather than widen the list on a phone.
        css = {"all": ["archive/admin/layout.css"]}

    @admin.display(description="leads to")
    def leads_to(self, old_path):
        where = old_path.target_url()
        target = old_path.target
        text = f"{target._meta.verbose_name}: {target}" if target is not None else f"file: {old_path.file}"
        return format_html('<a href="{}">{}</a>', where, text)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
