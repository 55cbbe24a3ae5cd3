"""Readers' comments, shown once an editor approves them."""

from django.db import models
from django.utils import timezone


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        SPAM = "spam", "Spam"

    post = models.ForeignKey("archive.Post", on_delete=models.CASCADE, related_name="comments")
    author_name = models.CharField(max_length=100)
    author_email = models.EmailField(blank=True, help_text="Never shown on the site.")
    body = models.TextField(max_length=5000)
    created = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    # The comment this one answers (threads, as WordPress shows them).
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replies")
    # Recognises a comment imported from a WordPress export on every re-import.
    import_key = models.CharField(max_length=300, unique=True, null=True, blank=True, editable=False)

    class Meta:
        ordering = ["created", "pk"]
        indexes = [
            models.Index(fields=["post", "status", "created"]),
            # The comments feed: the newest approved comments, read from the index's end.
            models.Index(fields=["status", "created", "id"], name="comment_status_created"),
        ]

    def __str__(self):
        return f"{self.author_name} on {self.post}"
