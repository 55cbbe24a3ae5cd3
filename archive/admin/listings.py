"""The listing pages posts were imported from: shown to editors, never changed by them."""

from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from ..models import Listing

@admin.register(Listing)
class ListingAdmin(admin.ModelAdmin):
    list_display = ["file_name", "kind", "name", "page", "post_count", "imported"]
    ordering = ["file_name"]
    readonly_fields = ["file_name", "kind", "name", "page", "imported", "post_titles"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(post_count=Count("posts"))

    @admin.display(description="posts")
    def post_count(self, listing):
        return listing.post_count

    @admin.display(description="posts first listed here")
    def post_titles(self, listing):
        posts = listing.posts.order_by("listing_position")
        return format_html_join(
            mark_safe("<br>"), '{}. <a href="{}">{}</a>',
            ((p.listing_position, reverse("admin:archive_post_change", args=[p.pk]), p.title) for p in posts),
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
