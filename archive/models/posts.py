"""Posts, and the one QuerySet every reader's page lists them with."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F
from django.utils import timezone

from .. import markup, summaries
from ..search.index import SEARCH_INDEX, PostgresGinIndex, PostgresOnly, search_document
from .filings import FiledAndCited
from .names import Category, Tag
from .old_paths import remember_old_url, url_before_save
from .slugs import AtSlug, unique_slug

# The one place the archive's order is written down: dated posts newest first,
# then the order in which listings presented them (file order, then position).
# Each post's place in it is kept as Post.rank (archive.derived).
LISTING_ORDER = (
    F("published").desc(nulls_last=True),
    F("listing__file_name").asc(nulls_last=True),
    F("listing_position").asc(nulls_last=True),
    F("pk").asc(),
)

# Never shown: the Markdown source (pages show its HTML) and what search and the
# importer keep (a tsvector alone is several kilobytes a post).
NEVER_SHOWN = (
    "body", "search_vector", "index_terms", "import_digest", "import_key", "created", "excerpt", "original_url",
)


# Kept in each post's row by archive.derived, with queries of its own.
DERIVED_IN_ROW = {"rank", "author_rank", "approved_comment_count", "index_terms", "filed_and_cited"}


class PostQuerySet(models.QuerySet):
    def for_listing(self):
        """The posts as list pages, feeds and search results show them.

        Each comes with its author, its categories (``filed_under``), its tags
        (``tagged``) and its sources with their outlets (``cited_sources``), all
        in one query: the last three are kept in the post's row
        (``filed_and_cited``: archive.models.filings). The plain text (several
        kilobytes a post) only describes a post on its own page.
        """
        return self.defer(*NEVER_SHOWN, "body_text").select_related("author")

    def for_search_results(self):
        """The posts as search results show them: a title linking to the post, and its categories (the snippet
        comes from the search itself)."""
        return self.only("title", "slug", "filed_and_cited")

    def for_post_page(self):
        """A post as its own page shows it: as listed, whole (no summary), with its text and where it was archived
        from."""
        return self.defer(*NEVER_SHOWN, "summary_html").select_related("author", "listing")

    def in_category(self, category):
        """The posts filed under ``category``, each with ``place``, its place in the category's archive.

        One join: the filter and the places (which pages are cut by) come from the same placement.
        """
        return self.filter(placements__category=category).annotate(place=F("placements__rank"))

    def citing(self, outlet):
        """The briefings citing ``outlet``, each with ``place``, its place among them (as ``in_category``)."""
        return self.filter(outlet_placements__outlet=outlet).annotate(place=F("outlet_placements__rank"))

    def tagged_with(self, tag):
        """The posts tagged ``tag``, each with ``place``, its place among them (as ``in_category``)."""
        return self.filter(tag_placements__tag=tag).annotate(place=F("tag_placements__rank"))

    def in_listing_order(self):
        return self.order_by(*LISTING_ORDER)

    def highest_rank(self):
        """The number of posts: ranks run from 1 to it, so one index lookup instead of a count."""
        return self.aggregate(count=models.Max("rank"))["count"] or 0


class Post(AtSlug, models.Model):
    class Format(models.TextChoices):
        MARKDOWN = "markdown", "Markdown"
        HTML = "html", "HTML (as the original blog wrote it)"

    title = models.CharField(max_length=300)
    # (Columns added since the first release have a database default too: the
    # importer's bulk writes name only the columns they fill.)
    title_html = models.TextField(
        "title with markup", blank=True, default="", db_default="",
        help_text="The title with its markup (emphasis, superscripts…) where the original had some; "
        "shown in place of the title. Sanitised when saved.",
    )
    slug = models.SlugField(max_length=120, unique=True, blank=True)
    caption = models.TextField(
        blank=True, help_text="The caption that stood under the post's image (not archived)."
    )
    body = models.TextField(help_text="Markdown, or HTML for posts imported from WordPress (see the format). "
                            "Raw HTML is sanitised before it reaches a page. Lists of posts show a long post "
                            "up to a line &lt;!--more--&gt;, or else its opening.")
    body_format = models.CharField(
        max_length=10, choices=Format.choices, default=Format.MARKDOWN, db_default=Format.MARKDOWN
    )
    excerpt = models.TextField(
        blank=True, default="", db_default="", help_text="The excerpt the original blog kept, if any."
    )
    # Looked up through the index of (author, author_rank), which starts with it.
    author = models.ForeignKey(
        "archive.Author", null=True, blank=True, on_delete=models.SET_NULL, related_name="posts",
        db_index=False, help_text="Who wrote it, as the original blog showed it.",
    )
    body_html = models.TextField(editable=False, blank=True)
    body_text = models.TextField(editable=False, blank=True)
    # What lists show of a long post ("" where they show it whole): derived when rendered (archive.summaries).
    summary_html = models.TextField(editable=False, blank=True, default="", db_default="")
    categories = models.ManyToManyField(Category, related_name="posts", blank=True)
    tags = models.ManyToManyField(Tag, related_name="posts", blank=True)
    archived_comment_count = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Comment count shown on the original page; empty where it showed none.",
    )
    # Readers' comments approved here: derived, kept by archive.derived.
    approved_comment_count = models.PositiveIntegerField(default=0, db_default=0, editable=False)
    published = models.DateTimeField(
        null=True, blank=True, help_text="Only where the date is known; archived posts have none."
    )
    # Looked up through the index of (listing, listing_position), which starts with it.
    listing = models.ForeignKey(
        "archive.Listing", null=True, blank=True, on_delete=models.PROTECT, related_name="posts", db_index=False
    )
    listing_position = models.PositiveIntegerField(null=True, blank=True)
    # The post's place in LISTING_ORDER (1 = first), kept by archive.derived so
    # that any page of the archive, however deep, is one index range scan.
    rank = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # Its place among its author's posts, in the same order (1 = first): the author's page, found by rank too.
    author_rank = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # Recognises the post on every re-import, whatever editors change.
    import_key = models.CharField(max_length=300, unique=True, null=True, editable=False)
    # Where it stood on the original blog (its permalink) and its WordPress id, if imported from an export.
    original_url = models.CharField(max_length=2000, blank=True, default="", db_default="", editable=False)
    wordpress_id = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    # Digest of the content as last imported: differs from the current content
    # once an editor has changed the post, so that imports keep the edit.
    import_digest = models.CharField(max_length=64, blank=True, editable=False)
    created = models.DateTimeField(default=timezone.now, editable=False)
    updated = models.DateTimeField(auto_now=True, db_index=True)
    # Search: category and outlet names (kept by archive.derived), so that they are
    # searched with the text, and PostgreSQL's weighted search vector (SQLite
    # indexes with FTS5: archive.search.sqlite).
    index_terms = models.TextField(blank=True, editable=False)
    # Its categories, tags and sources as pages show them (archive.models.filings), so that a page of posts is
    # one query: kept by archive.derived.
    filed_and_cited = models.JSONField(default=dict, db_default={}, blank=True, editable=False)
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
            # A post's rank by its id, from the index alone: a source page orders the
            # briefings citing an outlet by rank, and reading `rank` from a SQLite row
            # walks past its body's overflow pages (9 ms for an outlet's 565 posts, 0.5 with it).
            models.Index(fields=["id", "rank"], name="post_id_rank"),
            # A date archive's bounds in the archive's order, and its neighbouring periods: index ranges of dates.
            models.Index(fields=["published", "rank"], name="post_published_rank"),
            # An author's page: a range of their places; and the author's size, their highest place.
            models.Index(fields=["author", "author_rank"], name="post_author_rank"),
            PostgresGinIndex(fields=["search_vector"], name=SEARCH_INDEX),
        ]

    def __str__(self):
        return self.title

    url_name = "archive:post"  # its page (AtSlug)

    @classmethod
    def from_db(cls, db, field_names, values):
        # As Django's documentation shows for this hook: remember a value as loaded,
        # so that archive.derived can tell whether a save moved the post in the order (or to another author).
        post = super().from_db(db, field_names, values)
        post._loaded_published = post.__dict__.get("published")
        post._loaded_author_id = post.__dict__.get("author_id")
        return post

    def render(self):
        """Make the fields shown from the ones entered: once, when saved, never per request."""
        # Browsers send text areas with CRLF line ends; store one form of the text.
        self.body = self.body.replace("\r\n", "\n").strip()
        self.body_html = markup.render(self.body, self.body_format)
        self.body_text = markup.plain_text(self.body_html)
        self.summary_html = summaries.summary_html(self.body, self.body_format, self.body_html, self.body_text)
        self.title_html = markup.render_title(self.title_html)

    def save(self, *args, **kwargs):
        self.render()
        if not self.slug:
            self.slug = unique_slug(Post, self.title, fallback="post", exclude_pk=self.pk)
        if not self._state.adding and not args and kwargs.get("update_fields") is None:
            # The places and counts archive.derived keeps with queries are not this instance's to write: one
            # created, or loaded before a change, holds stale values (a post saved twice lost its place).
            unsaved = DERIVED_IN_ROW | self.get_deferred_fields()
            kwargs["update_fields"] = [
                field.name for field in self._meta.concrete_fields
                if not field.primary_key and not field.generated and field.name not in unsaved
            ]
        old_url = url_before_save(self)
        super().save(*args, **kwargs)
        remember_old_url(self, old_url)

    @property
    def _filings(self):
        # Read once for each value of the column: again after refresh_from_db() or a new value, never twice a page.
        kept = self.__dict__.get("_filings_read")
        if kept is None or kept[0] is not self.filed_and_cited:
            kept = self.__dict__["_filings_read"] = (self.filed_and_cited, FiledAndCited(self.filed_and_cited))
        return kept[1]

    @property
    def filed_under(self):
        """The post's categories, by name, as pages show them (each a name and a link)."""
        return self._filings.filed_under

    @property
    def tagged(self):
        """The post's tags, by name, as pages show them."""
        return self._filings.tagged

    @property
    def cited_sources(self):
        """The sources the post cites, in its order: (outlet, date, url), the outlet a name and a link."""
        return self._filings.cited_sources

    @property
    def comment_total(self):
        return (self.archived_comment_count or 0) + self.approved_comment_count
