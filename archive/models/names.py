"""What posts are filed under (categories) and what briefings cite (outlets)."""

from django.db import models
from django.urls import reverse

from .slugs import unique_slug


class Category(models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    # The number of posts filed under it: derived, kept by archive.derived with its placements.
    post_count = models.PositiveIntegerField(default=0, db_default=0, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "categories"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Category, self.name, fallback="category", exclude_pk=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("archive:category", kwargs={"slug": self.slug})


class CategoryPlacement(models.Model):
    """A post's place in one category's archive (1 = first): derived, kept by archive.derived."""

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="placements")
    rank = models.PositiveIntegerField()
    post = models.ForeignKey("archive.Post", on_delete=models.CASCADE, related_name="placements")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["category", "rank"], name="placement_rank_unique"),
        ]


class Outlet(models.Model):
    """A publication cited as a briefing's source (Kyodo News, Xinhua, …)."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=120, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Outlet, self.name, fallback="outlet", exclude_pk=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("archive:source", kwargs={"slug": self.slug})
