"""What posts are filed under (categories) and what briefings cite (outlets)."""

from django.db import models
from django.urls import reverse

from .slugs import unique_slug


class Category(models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    # A category's archive lists its subcategories' posts too (archive.derived).
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children",
        help_text="The category this one belongs under, as on the original blog.",
    )
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

    def ancestors(self):
        """The categories above this one, the topmost first (a loop, should an editor make one, ends it)."""
        chain, seen, parent = [], {self.pk}, self.parent
        while parent is not None and parent.pk not in seen:
            chain.append(parent)
            seen.add(parent.pk)
            parent = parent.parent
        return chain[::-1]


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


class Tag(models.Model):
    """A tag of the original blog: a first-class list of posts, like a category."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Tag, self.name, fallback="tag", exclude_pk=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("archive:tag", kwargs={"slug": self.slug})
