"""The comment moderation queue: pending comments first, approved, rejected or marked as spam in bulk."""

from django.contrib import admin, messages
from django.db.models import Case, IntegerField, Value, When
from django.utils.html import format_html

from .. import derived
from ..models import Comment
from .batched import ChangesInOneBatch

MODERATION_ORDER = Case(
    When(status=Comment.Status.PENDING, then=Value(0)), default=Value(1), output_field=IntegerField()
)


@admin.register(Comment)
class CommentAdmin(ChangesInOneBatch, admin.ModelAdmin):
    list_display = ["author_name", "excerpt", "post_link", "status_badge", "created"]
    list_filter = ["status", "created"]
    list_select_related = ["post"]
    search_fields = ["author_name", "author_email", "body", "post__title"]
    autocomplete_fields = ["post"]
    actions = ["approve", "reject", "mark_spam"]

    # The moderation queue: pending comments first, newest first within each group. An ordering rather
    # than a default filter: the approved, rejected and spam comments stay in the list, under the ones to
    # look at; the admin's home page links to the pending ones alone (briefings/admin.py).
    ordering = [MODERATION_ORDER.asc(), "-created"]

    class Media:
        # The list fits a laptop's and a phone's width; pending comments stand out.
        css = {"all": ["archive/admin/layout.css", "archive/admin/moderation.css"]}

    @admin.display(description="comment")
    def excerpt(self, comment):
        text = " ".join(comment.text.split())
        return text if len(text) <= 80 else text[:79] + "…"

    @admin.display(description="status", ordering=MODERATION_ORDER)
    def status_badge(self, comment):
        # A class per status: moderation.css makes the pending ones a badge on a tinted row.
        return format_html(
            '<span class="comment-status comment-status--{}">{}</span>', comment.status, comment.get_status_display()
        )

    @admin.display(description="post", ordering="post__title")
    def post_link(self, comment):
        # Two lines at most (layout.css); the whole title is its tooltip.
        return format_html(
            '<a class="post-title" href="{}#comments" title="{}">{}</a>',
            comment.post.get_absolute_url(), comment.post.title, comment.post.title,
        )

    def _moderate(self, request, queryset, status, verb):
        posts = set(queryset.values_list("post_id", flat=True))
        count = queryset.update(status=status)
        # update() sends no signals: the counts and pages showing these comments change all the same.
        derived.comments_moderated(posts)
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
