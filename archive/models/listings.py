"""The archived listing pages that posts were imported from."""

from django.db import models
from django.utils import timezone


class Listing(models.Model):
    """An archived listing page that posts were imported from."""

    class Kind(models.TextChoices):
        FRONT = "front", "front page"
        CATEGORY = "category", "category archive"
        PAGED = "paged", "numbered listing page"

    file_name = models.CharField(max_length=255, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    name = models.CharField(max_length=200, blank=True)
    page = models.PositiveIntegerField(null=True, blank=True)
    imported = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["file_name"]

    def __str__(self):
        if self.kind == self.Kind.CATEGORY:
            return f"Category Archives: {self.name}"
        if self.kind == self.Kind.PAGED:
            return f"{self.name}, page {self.page}"
        return "the front page"
