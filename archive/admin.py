"""The editors' admin: posts with history and preview, categories, sources, comment moderation."""

from django.contrib import admin, messages
from django.db import models
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.http import HttpResponse, HttpResponseBadRequest
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST
from reversion.admin import VersionAdmin
from reversion.models import Version
import reversion

from . import caching, markup
from .models import Category, Comment, Listing, Outlet, Post, Source

admin.site.site_header = "Briefings archive"
admin.site.site_title = "Briefings admin"
admin.site.index_title = "Edit the archive"


# A source URL typed without a scheme is taken as https.
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


class SourceInline(admin.TabularInline):
    model = Source
    formfield_overrides = URL_FIELDS
    extra = 0
    autocomplete_fields = ["outlet"]
    ordering = ["position"]
    fields = ["position", "outlet", "date", "url"]


class CommentInline(admin.StackedInline):
    model = Comment
    extra = 0
    ordering = ["created", "pk"]
    fields = ["author_name", "author_email", "body", "status", "created"]
    classes = ["collapse"]


class CitesSourcesFilter(admin.SimpleListFilter):
    title = "cites sources"
    parameter_name = "sources"

    def lookups(self, request, model_admin):
        return [("yes", "Briefings (cite sources)"), ("no", "Posts without sources")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(sources__isnull=False).distinct()
        if self.value() == "no":
            return queryset.filter(sources__isnull=True)
        return queryset


@admin.register(Post)
class PostAdmin(VersionAdmin):
    list_display = ["title", "category_names", "origin", "comments", "published"]
    list_filter = [CitesSourcesFilter, "categories", "listing"]
    list_select_related = ["listing"]
    ordering = ["rank", "pk"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["categories"]
    inlines = [SourceInline, CommentInline]
    readonly_fields = ["preview", "origin", "import_key"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "caption", "body", "preview"]}),
        (None, {"fields": ["categories", "published", "archived_comment_count"]}),
        ("Where it was archived from", {"fields": ["origin", "import_key"], "classes": ["collapse"]}),
    ]
    history_latest_first = True

    class Media:
        js = ["archive/admin/post-preview.js"]
        css = {"all": ["archive/admin/post-preview.css"]}

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related("categories")
            .annotate(
                approved_here=Count("comments", filter=Q(comments__status=Comment.Status.APPROVED)),
                pending_here=Count("comments", filter=Q(comments__status=Comment.Status.PENDING)),
            )
        )

    @admin.display(description="categories")
    def category_names(self, post):
        return ", ".join(category.name for category in post.categories.all())

    @admin.display(description="archived from", ordering="rank")
    def origin(self, post):
        if not post.listing:
            return "—"
        return f"{post.listing}, post {post.listing_position}"

    @admin.display(description="comments (original / here / pending)")
    def comments(self, post):
        archived = "—" if post.archived_comment_count is None else post.archived_comment_count
        return f"{archived} / {post.approved_here} / {post.pending_here}"

    @admin.display(description="preview, as readers see it")
    def preview(self, post):
        return format_html(
            '<div class="post-preview" data-preview-url="{}">{}</div>',
            reverse("admin:archive_post_preview"),
            mark_safe(post.body_html if post.pk else ""),
        )

    def get_urls(self):
        preview = self.admin_site.admin_view(require_POST(self.preview_view))
        return [path("preview/", preview, name="archive_post_preview"), *super().get_urls()]

    def preview_view(self, request):
        if not self.has_change_permission(request) and not self.has_add_permission(request):
            return HttpResponse(status=403)
        body = request.POST.get("body")
        if body is None or len(body) > 500_000:
            return HttpResponseBadRequest("Send the Markdown as 'body'.")
        return HttpResponse(markup.render(body), content_type="text/html; charset=utf-8")

    def delete_model(self, request, obj):
        self._keep_before_delete(request, [obj])
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        self._keep_before_delete(request, queryset)
        super().delete_queryset(request, queryset)

    def _keep_before_delete(self, request, posts):
        # A deleted post stays recoverable from "Recover deleted posts".
        with reversion.create_revision():
            for post in posts:
                reversion.add_to_revision(post)
            reversion.set_user(request.user)
            reversion.set_comment("Deleted.")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Imported posts have no history yet: keep the imported text as the
        # first version before an editor's first change replaces it.
        post = self.get_object(request, object_id)
        if request.method == "POST" and post is not None and not Version.objects.get_for_object(post).exists():
            with reversion.create_revision():
                reversion.add_to_revision(post)
                reversion.set_comment("As imported.")
        return super().change_view(request, object_id, form_url, extra_context)


class NamedAdmin(admin.ModelAdmin):
    """Categories and outlets: listed by name with how many rows use each."""

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
    list_display = ["name", "slug", "description", "usage"]


@admin.register(Outlet)
class OutletAdmin(NamedAdmin):
    counted = "citations"
    list_display = ["name", "slug", "usage"]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ["outlet", "date", "post", "url"]
    list_filter = ["outlet", ("date", admin.DateFieldListFilter)]
    list_select_related = ["outlet", "post"]
    search_fields = ["outlet__name", "url", "post__title"]
    autocomplete_fields = ["outlet", "post"]
    ordering = ["outlet__name", "-date"]


MODERATION_ORDER = Case(
    When(status=Comment.Status.PENDING, then=Value(0)), default=Value(1), output_field=IntegerField()
)


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["author_name", "excerpt", "post_link", "status", "created"]
    list_filter = ["status", "created"]
    list_select_related = ["post"]
    search_fields = ["author_name", "author_email", "body", "post__title"]
    autocomplete_fields = ["post"]
    actions = ["approve", "reject", "mark_spam"]

    # The moderation queue: pending comments first, newest first within each group.
    ordering = [MODERATION_ORDER.asc(), "-created"]

    @admin.display(description="comment")
    def excerpt(self, comment):
        return comment.body if len(comment.body) <= 80 else comment.body[:79] + "…"

    @admin.display(description="post", ordering="post__title")
    def post_link(self, comment):
        return format_html('<a href="{}#comments">{}</a>', comment.post.get_absolute_url(), comment.post.title)

    def _moderate(self, request, queryset, status, verb):
        count = queryset.update(status=status)
        # update() sends no signals: the pages showing these comments change all the same.
        caching.archive_changed()
        self.message_user(request, f"{count} comment{'s' if count != 1 else ''} {verb}.", messages.SUCCESS)

    @admin.action(description="Approve selected comments", permissions=["change"])
    def approve(self, request, queryset):
        self._moderate(request, queryset, Comment.Status.APPROVED, "approved")

    @admin.action(description="Reject selected comments", permissions=["change"])
    def reject(self, request, queryset):
        self._moderate(request, queryset, Comment.Status.REJECTED, "rejected")

    @admin.action(description="Mark selected comments as spam", permissions=["change"])
    def mark_spam(self, request, queryset):
        self._moderate(request, queryset, Comment.Status.SPAM, "marked as spam")


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
