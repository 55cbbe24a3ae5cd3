"""What posts are filed under (categories), tagged with (tags) and what briefings cite (outlets), with each
one's placements: a post's place in its list."""

from django.db import models

from .slugs import Named, ancestors


class Category(Named):
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

    url_name, slug_fallback = "archive:category", "category"
    keeps_old_paths = True

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "categories"

    def ancestors(self):
        """The categories above this one, the topmost first."""
        return ancestors(self)


class CategoryPlacement(models.Model):
    """A post's place in one category's archive (1 = first): derived, kept by archive.derived."""

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="placements")
    rank = models.PositiveIntegerField()
    post = models.ForeignKey("archive.Post", on_delete=models.CASCADE, related_name="placements")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["category", "rank"], name="placement_rank_unique"),
        ]


class Outlet(Named):
    """A publication cited as a briefing's source (Kyodo News, Xinhua, …)."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    # The number of briefings citing it: derived, kept by archive.derived with its placements.
    post_count = models.PositiveIntegerField(default=0, db_default=0, editable=False)

    url_name, slug_fallback = "archive:source", "outlet"

    class Meta:
        ordering = ["name"]


class OutletPlacement(models.Model):
    """A briefing's place among those citing one outlet (1 = first), however many of its sources the outlet is:
    derived, kept by archive.derived. An outlet's page is a range of these, as a category's is of its placements."""

    outlet = models.ForeignKey(Outlet, on_delete=models.CASCADE, related_name="placements")
    rank = models.PositiveIntegerField()
    post = models.ForeignKey("archive.Post", on_delete=models.CASCADE, related_name="outlet_placements")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["outlet", "rank"], name="outlet_placement_rank_unique"),
        ]


class Tag(Named):
    """A tag of the original blog: a first-class list of posts, like a category."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    description = models.TextField(blank=True)
    # The number of posts tagged so: derived, kept by archive.derived with its placements.
    post_count = models.PositiveIntegerField(default=0, db_default=0, editable=False)

    url_name, slug_fallback = "archive:tag", "tag"
    keeps_old_paths = True

    class Meta:
        ordering = ["name"]


class TagPlacement(models.Model):
    """A post's place among those tagged so (1 = first): derived, kept by archive.derived. A tag's page is a
    range of these, as a category's is of its placements."""

    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="placements")
    rank = models.PositiveIntegerField()
    post = models.ForeignKey("archive.Post", on_delete=models.CASCADE, related_name="tag_placements")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["tag", "rank"], name="tag_placement_rank_unique"),
        ]
