from django.contrib.postgres.search import SearchVectorField
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.db.models import F, Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify

from . import markup
from .deferral import derived_data_deferred, is_deferred
from .links import link
from .search.index import SEARCH_INDEX, PostgresGinIndex, PostgresOnly, index_terms, search_document

# The one place the archive's order is written down: dated posts newest first,
# then the order in which listings presented them (file order, then position).
LISTING_ORDER = (
    F("published").desc(nulls_last=True),
    F("listing__file_name").asc(nulls_last=True),
    F("listing_position").asc(nulls_last=True),
    F("pk").asc(),
)


def slug_base(text, fallback, max_length=100):
    """slugify(text), cut at a word boundary to at most ``max_length`` characters."""
    slug = slugify(text)
    if len(slug) > max_length:
        slug = slug[: max_length + 1].rsplit("-", 1)[0]
    return slug.strip("-")[:max_length] or fallback


def unique_slug(model, text, *, fallback, exclude_pk=None):
    """A slug for ``text`` that no other row of ``model`` uses yet."""
    base = slug_base(text, fallback)
    taken = set(
        model.objects.filter(Q(slug=base) | Q(slug__startswith=f"{base}-"))
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    return free_slug(base, taken.__contains__)


def free_slug(base, is_taken):
    """``base``, else ``base-2``, ``base-3``…: the first for which ``is_taken`` is false."""
    slug, number = base, 2
    while is_taken(slug):
        slug, number = f"{base}-{number}", number + 1
    return slug


class Category(models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(blank=True)

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
        return link("archive:category", slug=self.slug)


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
        return link("archive:source", slug=self.slug)


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


class PostQuerySet(models.QuerySet):
    def delete(self):
        """Delete the selected posts, then renumber the archive once, not once per post."""
        from .ranking import renumber_posts

        with transaction.atomic(using=self.db):
            with derived_data_deferred():
                deleted = super().delete()
            renumber_posts()
        return deleted

    delete.alters_data = True
    delete.queryset_only = True

    def in_listing_order(self):
        return self.order_by(*LISTING_ORDER)

    def highest_rank(self):
        """The number of posts: ranks run from 1 to it, so one index lookup instead of a count."""
        return self.aggregate(count=models.Max("rank"))["count"] or 0

    def for_post_page(self):
        """The posts as a post page shows them: with_categories_and_sources() completes them."""
        # Never shown: the Markdown source (pages show its HTML) and what search
        # and the importer keep; a tsvector alone is several kilobytes a post.
        from .listed_posts import approved_comment_count, categories_of_post, sources_of_post

        unshown = ("body", "search_vector", "index_terms", "import_digest", "import_key", "created")
        return self.defer(*unshown).annotate(
            approved_comment_count=approved_comment_count(),
            category_rows=categories_of_post(),
            source_rows=sources_of_post(),
        )

    def for_listing(self):
        """The posts as list pages and feeds show them: with_categories_and_sources() completes them."""
        # The plain text (several kilobytes a post) only describes a post on its own page.
        return self.for_post_page().defer("body_text")


class Post(models.Model):
    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=120, unique=True, blank=True)
    caption = models.TextField(
        blank=True, help_text="The caption that stood under the post's image (not archived)."
    )
    body = models.TextField(help_text="Markdown. Raw HTML is sanitised before it reaches a page.")
    body_html = models.TextField(editable=False, blank=True)
    body_text = models.TextField(editable=False, blank=True)
    categories = models.ManyToManyField(Category, related_name="posts", blank=True)
    archived_comment_count = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Comment count shown on the original page; empty where it showed none.",
    )
    published = models.DateTimeField(
        null=True, blank=True, help_text="Only where the date is known; archived posts have none."
    )
    # Looked up through the index of (listing, listing_position), which starts with it.
    listing = models.ForeignKey(
        Listing, null=True, blank=True, on_delete=models.PROTECT, related_name="posts", db_index=False
    )
    listing_position = models.PositiveIntegerField(null=True, blank=True)
    # The post's place in LISTING_ORDER (1 = first), kept by archive.ranking so
    # that any page of the archive, however deep, is one index range scan.
    rank = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # Recognises the post on every re-import, whatever editors change.
    import_key = models.CharField(max_length=300, unique=True, null=True, editable=False)
    # Digest of the content as last imported: differs from the current content
    # once an editor has changed the post, so that imports keep the edit.
    import_digest = models.CharField(max_length=64, blank=True, editable=False)
    created = models.DateTimeField(default=timezone.now, editable=False)
    updated = models.DateTimeField(auto_now=True, db_index=True)
    # Search: category and outlet names, so that they are searched with the text, and
    # PostgreSQL's weighted search vector (SQLite indexes with FTS5: archive.search.sqlite).
    index_terms = models.TextField(blank=True, editable=False)
    search_vector = models.GeneratedField(
        expression=PostgresOnly(search_document(), output_field=SearchVectorField()),
        output_field=SearchVectorField(null=True),
        db_persist=True,
    )

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = LISTING_ORDER
        indexes = [
            models.Index(fields=["listing", "listing_position"]),
            # Ranges of ranks (pages); with the slug, the date and the id, the sitemap
            # reads only this index, never the rows: a SQLite row's body fills overflow
            # pages, which reading `updated` past it walked (3.3 ms for 250 posts, 0.3 with it).
            models.Index(fields=["rank", "slug", "updated", "id"], name="post_rank_slug_updated"),
            PostgresGinIndex(fields=["search_vector"], name=SEARCH_INDEX),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return link("archive:post", slug=self.slug)

    @classmethod
    def from_db(cls, db, field_names, values):
        post = super().from_db(db, field_names, values)
        post.remember_stored()
        return post

    def remember_stored(self):
        """Keep what saving compares with: the date as read (archive.compiled calls this too)."""
        self._stored_published = self.__dict__.get("published")

    @property
    def order_changed(self):
        """True if saving this post can move it in the listing order."""
        return self.pk is None or self.published != getattr(self, "_stored_published", None)

    def derive_fields(self):
        """Fields computed from the editable ones: once, on save, never per request."""
        # Browsers send text areas with CRLF line ends; store one form of the text.
        self.body = self.body.replace("\r\n", "\n").strip()
        self.body_html = markup.render(self.body)
        self.body_text = markup.plain_text(self.body_html)

    def refresh_index_terms(self):
        """Re-read the names of the post's categories and outlets into its search index."""
        self.index_terms = index_terms(
            self.categories.values_list("name", flat=True),
            Outlet.objects.filter(citations__post=self).values_list("name", flat=True),
        )
        Post.objects.filter(pk=self.pk).update(index_terms=self.index_terms)

    def save(self, *args, **kwargs):
        self.derive_fields()
        if not self.slug:
            self.slug = unique_slug(Post, self.title, fallback="post", exclude_pk=self.pk)
        renumber = self.order_changed
        super().save(*args, **kwargs)
        self._stored_published = self.published
        if renumber:
            from .ranking import renumber_posts

            renumber_posts()

    @cached_property
    def filed_under(self):
        """The post's categories, by name (pages load them in bulk: with_categories_and_sources)."""
        return list(self.categories.all())

    @cached_property
    def cited_sources(self):
        """The sources the post cites, in its order (pages load them in bulk: with_categories_and_sources)."""
        return list(self.sources.select_related("outlet"))

    @property
    def comment_total(self):
        approved = getattr(self, "approved_comment_count", None)
        if approved is None:
            approved = self.comments.filter(status=Comment.Status.APPROVED).count()
        return (self.archived_comment_count or 0) + approved


class CategoryPlacement(models.Model):
    """A post's place in one category's archive: derived, kept by archive.ranking."""

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="placements")
    rank = models.PositiveIntegerField()
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="placements")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["category", "rank"], name="placement_rank_unique"),
        ]


class Source(models.Model):
    """A source cited by a briefing, in the order the briefing lists them."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="sources")
    outlet = models.ForeignKey(Outlet, on_delete=models.PROTECT, related_name="citations")
    date = models.DateField(help_text="Date of the cited article.")
    url = models.URLField("URL", max_length=2000)
    position = models.PositiveSmallIntegerField(default=1)

    class Meta:
        # post_id, not post: ordering by the post would sort by its whole listing order.
        ordering = ["post_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["post", "position"], name="source_position_unique")
        ]

    def __str__(self):
        return f"{self.outlet}, {self.date:%B} {self.date.day}, {self.date.year}"


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        SPAM = "spam", "Spam"

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="comments")
    author_name = models.CharField(max_length=100)
    author_email = models.EmailField(blank=True, help_text="Never shown on the site.")
    body = models.TextField(max_length=5000)
    created = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)

    class Meta:
        ordering = ["created", "pk"]
        indexes = [models.Index(fields=["post", "status", "created"])]

    def __str__(self):
        return f"{self.author_name} on {self.post}"


@receiver(post_delete, sender=Post)
def close_rank_gap(sender, **kwargs):
    """Deleting a post leaves no gap in the ranks (a whole selection: PostQuerySet.delete)."""
    from .ranking import renumber_posts

    if not is_deferred():
        renumber_posts()
