"""The comment moderation queue: pending comments first, approved, rejected or marked as spam in bulk."""

from django.contrib import admin, messages
from django.db.models import Case, IntegerField, Value, When
from django.utils.html import format_html

from .. import derived
from ..models import Comment

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
