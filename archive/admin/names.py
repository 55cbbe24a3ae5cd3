"""The editors' screens for categories, tags, authors, outlets and the sources that cite them."""

from django.contrib import admin
from django.db.models import Count

from ..models import Author, Category, Outlet, Source, Tag
from .batched import ChangesInOneBatch
from .old_paths import OldPathInline
from .posts import URL_FIELDS


class NamedAdmin(ChangesInOneBatch, admin.ModelAdmin):
    """Categories, tags, authors and outlets: listed by name with how many rows use each."""

    counted = ""  # the reverse relation to count, e.g. "posts"
    ordering = ["name"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(usage=Count(self.counted))

    @admin.display(description="used by", ordering="usage")
    def usage(self, obj):
        return obj.usage


@admin.register(Category)
class CategoryAdmin(NamedAdmin):
    counted = "posts"
    list_display = ["name", "slug", "parent", "description", "usage"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]
    inlines = [OldPathInline]


@admin.register(Tag)
class TagAdmin(NamedAdmin):
    counted = "posts"
    list_display = ["name", "slug", "description", "usage"]
    inlines = [OldPathInline]


@admin.register(Author)
class AuthorAdmin(NamedAdmin):
    """The name readers see and the page's slug; the blog's login and email are never kept."""

    counted = "posts"
    list_display = ["name", "slug", "usage"]
    inlines = [OldPathInline]


@admin.register(Outlet)
class OutletAdmin(NamedAdmin):
    counted = "citations"
    list_display = ["name", "slug", "usage"]


@admin.register(Source)
class SourceAdmin(ChangesInOneBatch, admin.ModelAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ["outlet", "date", "post", "url"]
    list_filter = ["outlet", ("date", admin.DateFieldListFilter)]
    list_select_related = ["outlet", "post"]
    search_fields = ["outlet__name", "url", "post__title"]
    autocomplete_fields = ["outlet", "post"]
    ordering = ["outlet__name", "-date"]
