"""Readers' comments, shown once an editor approves them."""

from django.db import models
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .. import markup


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        SPAM = "spam", "Spam"

    class Format(models.TextChoices):
        TEXT = "text", "Plain text"
        HTML = "html", "HTML"

    post = models.ForeignKey("archive.Post", on_delete=models.CASCADE, related_name="comments")
    author_name = models.CharField(max_length=100)
    author_email = models.EmailField(blank=True, help_text="Never shown on the site.")
    body = models.TextField(max_length=5000)
    # Readers write plain text, shown as typed (a link in it stays text: no spam with links). A comment imported
    # from a WordPress export keeps its HTML, as the blog showed it, its links made the archive's paths.
    body_format = models.CharField(max_length=4, choices=Format.choices, default=Format.TEXT)
    # An HTML comment's body sanitised (render()), when saved; "" for plain text, escaped as it is shown.
    body_html = models.TextField(blank=True, default="", editable=False)
    created = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    # The comment this one answers (threads, as WordPress shows them).
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replies")
    # Recognises a comment imported from a WordPress export on every re-import.
    import_key = models.CharField(max_length=300, unique=True, null=True, blank=True, editable=False)
    # What the import wrote (importing/exports/comments.py): one an editor changed since is kept from imports.
    import_digest = models.CharField(max_length=64, blank=True, default="", editable=False)

    class Meta:
        ordering = ["created", "pk"]
        indexes = [
            models.Index(fields=["post", "status", "created"]),
            # The comments feed: the newest approved comments, read from the index's end.
            models.Index(fields=["status", "created", "id"], name="comment_status_created"),
        ]

    def __str__(self):
        return f"{self.author_name} on {self.post}"

    def render(self):
        """Make the HTML shown from the body entered: once, when saved, never per request."""
        self.body_html = markup.render(self.body, "html") if self.body_format == self.Format.HTML else ""

    def save(self, *args, **kwargs):
        self.render()
        super().save(*args, **kwargs)

    @property
    def html(self):
        """The comment as its page and the comments feed show it."""
        if self.body_format == self.Format.HTML:
            return mark_safe(self.body_html)  # sanitised by render(), with the bodies' allow-list
        return format_html("<p>{}</p>", markup.text_with_line_breaks(self.body))

    @property
    def text(self):
        """What a reader reads, without markup (the admin's list)."""
        return markup.plain_text(self.body_html) if self.body_format == self.Format.HTML else self.body
