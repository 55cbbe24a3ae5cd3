from django.contrib import admin

from .models import Category, Comment, Listing, Outlet, Post, Source


class SourceInline(admin.TabularInline):
    model = Source
    extra = 0
    autocomplete_fields = ["outlet"]
    ordering = ["position"]


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["title", "listing", "listing_position", "archived_comment_count", "published"]
    list_filter = ["categories", "listing"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["categories"]
    inlines = [SourceInline]
    readonly_fields = ["listing", "listing_position"]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["author_name", "post", "status", "created"]
    list_filter = ["status"]


@admin.register(Listing)
class ListingAdmin(admin.ModelAdmin):
    list_display = ["file_name", "kind", "name", "page", "imported"]
