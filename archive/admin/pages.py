"""The editors' screen for the original blog's standalone pages."""

from django.contrib import admin

from ..models import Page
from .old_paths import OldPathInline


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "parent", "menu_order", "updated"]
    list_select_related = ["parent"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["parent"]
    readonly_fields = ["original_url", "import_key"]
    fields = ["title", "title_html", "slug", "parent", "menu_order", "body", "original_url", "import_key"]
    inlines = [OldPathInline]
