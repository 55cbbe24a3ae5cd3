"""Write prepared posts into the database: idempotent, atomic, editor-safe.

A post is recognised by its import key (its folded title). If an editor has
changed a post since it was imported, the post is kept as the editor left it.
"""

from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from ..models import Category, CategoryPlacement, Outlet, OutletPlacement, Post, Source, free_slug, slug_base
from ..models.filings import filed_and_cited
from ..search.index import INDEXED_FIELDS
from .reading import content, digest
from .rows import BATCH_SIZE, insert_rows, listing_rows, new_ids

# The columns of a new post's row, in the order write_batch builds it.
POST_FIELDS = [
    "id", "title", "slug", "caption", "body", "body_html", "body_text", "summary_html",
    "archived_comment_count",
    "listing", "listing_position", "import_key", "import_digest", "index_terms", "filed_and_cited", "created",
    "updated", "rank",
]


@dataclass
class Summary:
    files: int = 0
    posts: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0
    categories_created: int = 0
    categories_seen: int = 0
    sources_cited: int = 0
    sources_created: int = 0
    dry_run: bool = False

    @property
    def changed_anything(self):
        return bool(self.created or self.updated or self.categories_created)


def current_digest(post):
    """The digest of a stored post's content: its import digest unless an editor changed it since."""
    return digest(
        content(
            post.title,
            post.caption,
            post.body,
            post.archived_comment_count,
            [category.name for category in post.categories.all()],
            [(source.outlet.name, source.date, source.url) for source in post.sources.all()],
        )
    )


class Writer:
    """Writes the posts of listing files, in batches, inside the import's transaction."""

    def __init__(self, summary, index, *, names_unique):
        self.summary = summary
        self.index = index  # adds new posts to the search index (archive.search.sqlite.indexing_by_batch)
        self.headings = {}  # file name → (kind, name, page), of files whose posts wait
        self.listings = {}  # file name → Listing row
        self.waiting = {}  # import key → PreparedPost, in the order met, until the batch is written
        self.written = {}  # import key → (id, what became of it, its categories' names)
        self.more_categories = {}  # import key → names that later listings file a written post under
        # Ids of posts written before whose categories or sources this import changed: what pages show of them
        # is read again when the import's batch ends (archive.derived.Batch.refiled).
        self.refiled = set()
        self.category_names = set()
        # New posts come in listing order, after every post already there when
        # their listings sort last (always, into an empty archive): ranks given in
        # that order are then right, and renumbering them rewrites no row.
        self.next_rank = Post.objects.count() + 1
        # Into an empty archive, from files of different names, posts are written
        # in the archive's order: ranks and category placements are given as they
        # are written, and there is nothing to look up but what this import wrote.
        self.into_empty = self.next_rank == 1 and names_unique
        self.slugs = set()  # of the posts written, into an empty archive
        self.placed = {}  # (placement model, category or outlet id) → posts placed so far, into an empty archive
        self.categories = {category.name: category for category in Category.objects.all()}
        self.outlets = {outlet.name: outlet for outlet in Outlet.objects.all()}

    def add(self, listing):
        """Take the posts of a listing file (archive.importing.reading.ListingFile)."""
        self.summary.files += 1
        self.headings[listing.name] = listing.heading
        for post in listing.posts:
            self.category_names.update(post.categories)
            first = self.waiting.get(post.key)
            if first is not None:
                if not set(post.categories) <= set(first.categories):
                    self.waiting[post.key] = first.with_categories({*first.categories, *post.categories})
            elif post.key in self.written:
                self.more_categories.setdefault(post.key, set()).update(post.categories)
            else:
                self.waiting[post.key] = post
                self.summary.posts += 1
        if len(self.waiting) >= BATCH_SIZE:
            self.write_waiting()

    def finish(self):
        """Write the posts still waiting; return whether their ranks and placements are right as written."""
        self.write_waiting()
        filed_again = self.file_under_more_categories()
        self.summary.categories_seen = len(self.category_names)
        return self.into_empty and not filed_again

    def write_waiting(self):
        self.listings.update(listing_rows(self.headings))
        self.headings = {}
        self.write_batch(list(self.waiting.values()))
        self.waiting = {}

    def write_batch(self, batch):
        if not batch:
            return
        existing = {} if self.into_empty else {
            post.import_key: post
            for post in Post.objects.filter(import_key__in=[prepared.key for prepared in batch])
            .prefetch_related("categories", "sources__outlet")
        }
        new, written = [], []
        for prepared in batch:
            self.summary.sources_cited += len(prepared.sources)
            post = existing.get(prepared.key)
            if post is None:
                new.append(prepared)
                written.append(prepared)
                self.summary.created += 1
                continue
            if current_digest(post) != post.import_digest:
                self.summary.kept += 1
                self.written[prepared.key] = (post.pk, "kept", ())
                continue
            # Categories an editor or an earlier import added stay.
            stored = {category.name for category in post.categories.all()}
            if not stored <= set(prepared.categories):
                prepared = prepared.with_categories(stored | set(prepared.categories))
            if prepared.digest == post.import_digest:
                self.summary.unchanged += 1
                self.written[prepared.key] = (post.pk, "unchanged", prepared.categories)
                continue
            post.sources.all().delete()
            post.title, post.caption, post.body = prepared.title, prepared.caption, prepared.body
            post.import_digest = prepared.digest
            post.archived_comment_count = prepared.comment_count
            post.save()
            self.refiled.add(post.pk)
            written.append(prepared)
            self.summary.updated += 1
            self.written[prepared.key] = (post.pk, "updated", prepared.categories)
        # Categories and outlets first: a new post's row names theirs (filed_and_cited).
        self.create_named(Category, self.categories, [name for post in written for name in post.categories])
        self.create_named(Outlet, self.outlets, [outlet for post in written for outlet, _, _ in post.sources])
        ids = self._create_posts(new)
        ids.update((key, post.pk) for key, post in existing.items())
        for prepared in new:
            self.written[prepared.key] = (ids[prepared.key], "created", prepared.categories)
        # Links and sources go in as plain rows: tens of thousands of model
        # instances would cost more than the inserts themselves.
        links = [(ids[post.key], self.categories[name].pk) for post in written for name in post.categories]
        # A new post has no links yet; an updated one keeps those it has.
        created = {ids[post.key] for post in new}
        insert_rows(Post.categories.through, ["post", "category"], [link for link in links if link[0] in created])
        insert_rows(
            Post.categories.through, ["post", "category"], [link for link in links if link[0] not in created],
            ignore_conflicts=True,
        )
        adapt_date = connection.ops.adapt_datefield_value
        rows = [
            (ids[post.key], self.outlets[outlet].pk, adapt_date(date), url, position)
            for post in written
            for position, (outlet, date, url) in enumerate(post.sources, start=1)
        ]
        insert_rows(Source, ["post", "outlet", "date", "url", "position"], rows)
        self.summary.sources_created += len(rows)
        if self.into_empty:
            self.place(CategoryPlacement, "category", links)
            # A briefing citing an outlet twice is placed among its citers once.
            cited = [(post, outlet) for post, outlet, *_ in rows]
            self.place(OutletPlacement, "outlet", list(dict.fromkeys(cited)))

    def place(self, model, field, links):
        """Place new posts among a category's posts or an outlet's citers: ``links`` (post id, category or outlet
        id) in the archive's order."""
        rows = []
        for post, owner in links:
            rank = self.placed[model, owner] = self.placed.get((model, owner), 0) + 1
            rows.append((owner, rank, post))
        insert_rows(model, [field, "rank", "post"], rows)

    def create_named(self, model, known, names):
        """Create, in one statement, the categories or outlets among ``names`` that ``known`` lacks."""
        missing = [name for name in dict.fromkeys(names) if name not in known]
        if not missing:
            return
        taken = set(model.objects.values_list("slug", flat=True))
        rows = []
        for name in missing:
            slug = free_slug(slug_base(name, model._meta.model_name), taken.__contains__)
            taken.add(slug)
            rows.append(model(name=name, slug=slug))
        known.update((row.name, row) for row in model.objects.bulk_create(rows))
        if model is Category:
            self.summary.categories_created += len(rows)

    def file_under_more_categories(self):
        """File posts written earlier in this import under the categories later listings gave them."""
        grown = {}
        for key, names in self.more_categories.items():
            pk, became, categories = self.written[key]
            if became != "kept" and not names <= set(categories):
                grown[pk] = (key, names - set(categories))
        if not grown:
            return False
        added = sorted({name for _, names in grown.values() for name in names})
        self.create_named(Category, self.categories, added)
        links = [(pk, self.categories[name].pk) for pk, (_, names) in grown.items() for name in sorted(names)]
        insert_rows(Post.categories.through, ["post", "category"], links, ignore_conflicts=True)
        posts = list(Post.objects.filter(pk__in=grown).prefetch_related("categories", "sources__outlet"))
        for post in posts:
            post.import_digest = current_digest(post)
            post.updated = timezone.now()
            key = grown[post.pk][0]
            if self.written[key][1] == "unchanged":
                self.summary.unchanged -= 1
                self.summary.updated += 1
        Post.objects.bulk_update(posts, ["import_digest", "updated"], batch_size=BATCH_SIZE)
        self.refiled.update(grown)
        return True

    def filed_and_cited(self, post):
        """What pages show of a new post's categories and sources (a new post has no tags)."""
        sources = [(self.outlets[outlet], date, url) for outlet, date, url in post.sources]
        return filed_and_cited([self.categories[name] for name in post.categories], [], sources)

    def _create_posts(self, posts):
        """Insert new posts, each with a slug no other post has; their ids by import key."""
        if not posts:
            return {}
        if self.into_empty:
            taken = self.slugs
        else:
            slugs = {post.slug for post in posts}
            taken = set(Post.objects.filter(slug__in=slugs).values_list("slug", flat=True))
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        filings = Post._meta.get_field("filed_and_cited")
        ids = new_ids(Post, len(posts))
        rows = []
        for post, pk in zip(posts, ids):
            slug = free_slug(post.slug, lambda slug: slug in taken or (
                slug != post.slug and not self.into_empty and Post.objects.filter(slug=slug).exists()
            ))
            taken.add(slug)
            rows.append((
                pk, post.title, slug, post.caption, post.body, post.body_html, post.body_text, post.summary_html,
                post.comment_count, self.listings[post.file_name].pk, post.position, post.key, post.digest,
                post.index_terms, filings.get_db_prep_save(self.filed_and_cited(post), connection), now, now,
                self.next_rank,
            ))
            self.next_rank += 1
        insert_rows(Post, POST_FIELDS, rows)
        # The search index gets the values just written, in its own columns' order.
        self.index([(pk, *[getattr(post, name) for name in INDEXED_FIELDS]) for post, pk in zip(posts, ids)])
        return {post.key: pk for post, pk in zip(posts, ids)}
