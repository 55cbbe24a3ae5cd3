"""The editors' screens for posts: list, filters, sources and comments inline, preview, history."""

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Count, Q
from django.http import HttpResponse, HttpResponseBadRequest
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from django.views.decorators.http import require_POST
from reversion.admin import VersionAdmin
from reversion.models import Version
import reversion

from .. import markup
from ..models import Comment, Post, Source
from .batched import ChangesInOneBatch
from .old_paths import OldPathInline

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


class PostForm(forms.ModelForm):
    def clean_body(self):
        body = self.cleaned_data["body"]
        try:
            markup.check(body)
        except markup.MarkupError as error:
            raise forms.ValidationError(str(error)) from None
        return body


@admin.register(Post)
class PostAdmin(ChangesInOneBatch, VersionAdmin):
    form = PostForm
    list_display = ["listed_title", "category_names", "origin", "comments", "published_date"]
    list_filter = [CitesSourcesFilter, "categories", "listing"]
    list_select_related = ["listing"]
    ordering = ["rank", "pk"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["categories", "tags", "author"]
    inlines = [SourceInline, CommentInline, OldPathInline]
    readonly_fields = ["preview", "origin", "import_key", "original_url"]
    fieldsets = [
        (None, {"fields": ["title", "title_html", "slug", "caption", "body", "body_format", "preview", "excerpt"]}),
        (None, {"fields": ["categories", "tags", "published", "author", "archived_comment_count"]}),
        ("Where it was archived from", {
            "fields": ["origin", "original_url", "import_key"], "classes": ["collapse"],
        }),
    ]
    history_latest_first = True

    class Media:
        js = ["archive/admin/post-preview.js"]
        # layout.css: the list and the change page fit a laptop's and a phone's width, however long the title.
        css = {"all": ["archive/admin/post-preview.css", "archive/admin/layout.css"]}

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

    @admin.display(description="title", ordering="title")
    def listed_title(self, post):
        # Shown on two lines at most (layout.css); the whole title is its tooltip.
        return format_html('<span class="post-title" title="{}">{}</span>', post.title, post.title)

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

    @admin.display(description="published", ordering="published")
    def published_date(self, post):
        # The day alone, which may wrap: the date and time on one line (the field's own column) is too wide
        # for a phone.
        return date_format(localtime(post.published)) if post.published else None

    @admin.display(description="preview, as readers see it")
    def preview(self, post):
        return format_html(
            '<div class="post-preview" data-preview-url="{}" data-format="{}">{}</div>',
            reverse("admin:archive_post_preview"), post.body_format,
            mark_safe(post.body_html if post.pk else ""),
        )

    def get_urls(self):
        preview = self.admin_site.admin_view(require_POST(self.preview_view))
        return [path("preview/", preview, name="archive_post_preview"), *super().get_urls()]

    def preview_view(self, request):
        if not self.has_change_permission(request) and not self.has_add_permission(request):
            return HttpResponse(status=403)
        body = request.POST.get("body")
        if body is None:
            return HttpResponseBadRequest("Send the Markdown as 'body'.")
        body_format = request.POST.get("format", Post.Format.MARKDOWN)
        if body_format not in Post.Format.values:
            return HttpResponseBadRequest("Send the format as 'format': markdown or html.")
        try:
            markup.check(body)
            return HttpResponse(markup.render(body, body_format), content_type="text/html; charset=utf-8")
        except markup.MarkupError as error:
            return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")

    def delete_model(self, request, obj):
        self._keep_before_delete(request, [obj])
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        # Ranks and placements are brought up to date once, not once per post (ChangesInOneBatch).
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
