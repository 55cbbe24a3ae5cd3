"""Load parsed listings into the database: idempotent, atomic, editor-safe.

Two passes over the files. The first parses every file, checks it against the
database's limits and gathers, for each post, every category it is filed
under across all the listings and the first place it appears; nothing is
written if any file has a problem. The second parses the files again, one at a
time, and writes in batches inside one transaction, so the archive is never
held in memory and never left half-imported.

A post is recognised by its import key (its folded title). If an editor has
changed a post since it was imported, the post is kept as the editor left it.
"""

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection, models, transaction

from .caching import archive_changed
from .listing.body import body_html, body_markdown, body_text
from .listing.parser import ListingError, read_listing
from .models import Category, Listing, Outlet, Post, Source, slug_base
from .ranking import renumber_categories, renumber_posts
from .search.index import index_terms

BATCH_SIZE = 500
# After this many posts written, the query planner's statistics are out of date.
ANALYZE_AFTER = 1000


class ImportFailed(Exception):
    def __init__(self, errors):
        self.errors = errors
        super().__init__(f"{len(errors)} problem(s); nothing was imported")


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


@dataclass
class _PostPlan:
    """What the first pass learns about one post across all listings."""

    categories: set = field(default_factory=set)
    first_file: str = ""
    first_position: int = 0


def listing_files(paths):
    """The *.txt files named by ``paths`` (files or folders), in listing order."""
    files, errors = [], []
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(path.glob("*.txt"))
            if not found:
                errors.append(ListingError(path, 0, "no *.txt listing files in this folder"))
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            errors.append(ListingError(path, 0, "no such file or folder"))
    # Listing order is file-name order, wherever the files live.
    files = sorted(dict.fromkeys(files), key=lambda file: (file.name, str(file)))
    return files, errors


def _limit_errors(listing):
    """Values that would not fit the database, reported like parse errors."""
    limits = [
        (Post, "title", lambda post: [(post.title, post.line)]),
        (Category, "name", lambda post: [(name, post.line) for name in post.categories]),
        (Outlet, "name", lambda post: [(source.outlet, source.line) for source in post.sources]),
        (Source, "url", lambda post: [(source.url, source.line + 1) for source in post.sources]),
    ]
    for post in listing.posts:
        for model, name, values in limits:
            limit = model._meta.get_field(name).max_length
            for value, line in values(post):
                if len(value) > limit:
                    yield ListingError(
                        listing.path, line, f"{model._meta.verbose_name} {name} longer than {limit} characters"
                    )


def _content(title, caption, body, comment_count, categories, sources):
    return {
        "title": title,
        "caption": caption,
        "body": body,
        "comment_count": comment_count,
        "categories": sorted(categories),
        "sources": [[outlet, date.isoformat(), url] for outlet, date, url in sources],
    }


def _digest(content):
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


def _current_content(post):
    return _content(
        post.title,
        post.caption,
        post.body,
        post.archived_comment_count,
        [category.name for category in post.categories.all()],
        [(source.outlet.name, source.date, source.url) for source in post.sources.all()],
    )


class Importer:
    def __init__(self, paths, *, dry_run=False, progress=None):
        self.paths = paths
        self.summary = Summary(dry_run=dry_run)
        self.progress = progress or (lambda total: _NoProgress())
        self.headings = {}  # file name → (kind, name, page)

    def run(self):
        files, errors = listing_files(self.paths)
        plans = self.plan(files, errors)
        with transaction.atomic():
            listings = self.listing_rows()
            self.categories = {category.name: category for category in Category.objects.all()}
            self.outlets = {outlet.name: outlet for outlet in Outlet.objects.all()}
            bar = self.progress(self.summary.posts)
            seen, batch = set(), []
            for path in files:
                row = listings[path.name]
                for listed in read_listing(path).posts:
                    if listed.key not in seen:
                        seen.add(listed.key)
                        batch.append((row, listed))
                if len(batch) >= BATCH_SIZE:
                    self.write_batch(batch, plans)
                    bar.update(len(batch))
                    batch = []
            self.write_batch(batch, plans)
            bar.update(len(batch))
            bar.close()
            if self.summary.created:
                renumber_posts()
            elif self.summary.updated:
                renumber_categories()
            if self.summary.dry_run:
                transaction.set_rollback(True)
        if self.summary.changed_anything and not self.summary.dry_run:
            archive_changed()
            if self.summary.created + self.summary.updated >= ANALYZE_AFTER:
                refresh_statistics()
        return self.summary

    def plan(self, files, errors):
        plans = {}
        for path in files:
            try:
                listing = read_listing(path)
            except ListingError as error:
                errors.append(error)
                continue
            except OSError as error:
                errors.append(ListingError(path, 0, f"cannot read: {error.strerror}"))
                continue
            errors.extend(_limit_errors(listing))
            self.summary.files += 1
            self.headings[path.name] = (listing.kind, listing.name, listing.page)
            for post in listing.posts:
                plan = plans.get(post.key)
                if plan is None:
                    plan = plans[post.key] = _PostPlan(first_file=path.name, first_position=post.position)
                plan.categories.update(post.categories)
        if errors:
            raise ImportFailed(errors)
        self.summary.posts = len(plans)
        self.summary.categories_seen = len(set().union(*(plan.categories for plan in plans.values())))
        return plans

    def listing_rows(self):
        """A Listing row for every file, created or corrected in bulk."""
        rows = {row.file_name: row for row in Listing.objects.filter(file_name__in=list(self.headings))}
        new, changed = [], []
        for file_name, (kind, name, page) in self.headings.items():
            row = rows.get(file_name)
            if row is None:
                rows[file_name] = row = Listing(file_name=file_name, kind=kind, name=name, page=page)
                new.append(row)
            elif (row.kind, row.name, row.page) != (kind, name, page):
                row.kind, row.name, row.page = kind, name, page
                changed.append(row)
        Listing.objects.bulk_create(new, batch_size=BATCH_SIZE)
        Listing.objects.bulk_update(changed, ["kind", "name", "page"], batch_size=BATCH_SIZE)
        return rows

    def category(self, name):
        if name not in self.categories:
            self.categories[name] = Category.objects.create(name=name)
            self.summary.categories_created += 1
        return self.categories[name]

    def outlet(self, name):
        if name not in self.outlets:
            self.outlets[name] = Outlet.objects.create(name=name)
        return self.outlets[name]

    def write_batch(self, batch, plans):
        if not batch:
            return
        existing = {
            post.import_key: post
            for post in Post.objects.filter(import_key__in=[listed.key for _, listed in batch])
            .prefetch_related("categories", "sources__outlet")
        }
        new_posts, new_categories, new_sources = [], [], []
        for listing_row, listed in batch:
            self.summary.sources_cited += len(listed.sources)
            plan = plans[listed.key]
            post = existing.get(listed.key)
            if post is not None and _digest(_current_content(post)) != post.import_digest:
                self.summary.kept += 1
                continue
            categories = set(plan.categories)
            if post is not None:
                categories.update(category.name for category in post.categories.all())
            sources = [(source.outlet, source.date, source.url) for source in listed.sources]
            body = body_markdown(listed.blocks)
            content = _content(listed.title, listed.caption, body, listed.comment_count, categories, sources)
            digest = _digest(content)
            if post is not None and digest == post.import_digest:
                self.summary.unchanged += 1
                continue
            if post is None:
                post = Post(import_key=listed.key, listing=listing_row, listing_position=plan.first_position)
                new_posts.append(post)
                self.summary.created += 1
            else:
                post.sources.all().delete()
                self.summary.updated += 1
            post.title, post.caption, post.body = listed.title, listed.caption, body
            post.index_terms = index_terms(categories, [source.outlet for source in listed.sources])
            post.archived_comment_count = listed.comment_count
            post.import_digest = digest
            new_categories.append((post, sorted(categories)))
            new_sources.append((post, sources))
            if post.pk:
                post.save()
            else:
                # New posts skip save(): their HTML, text and stems come straight from the blocks.
                post.body_html, post.body_text = body_html(listed.blocks), body_text(listed.blocks)
        self._create_posts(new_posts)
        # Links and sources go in as plain rows: tens of thousands of model
        # instances would cost more than the inserts themselves.
        links = [(post.pk, self.category(name).pk) for post, names in new_categories for name in names]
        _insert(Post.categories.through, ["post", "category"], links, ignore_conflicts=True)
        date_field = Source._meta.get_field("date")
        rows = [
            (post.pk, self.outlet(outlet).pk, date_field.get_db_prep_save(date, connection), url, position)
            for post, sources in new_sources
            for position, (outlet, date, url) in enumerate(sources, start=1)
        ]
        _insert(Source, ["post", "outlet", "date", "url", "position"], rows)
        self.summary.sources_created += len(rows)

    def _create_posts(self, posts):
        """Create posts in bulk, each with a slug no other post has."""
        bases = [(post, slug_base(post.title, "post")) for post in posts]
        taken = set(
            Post.objects.filter(slug__in={base for _, base in bases}).values_list("slug", flat=True)
        )
        for post, base in bases:
            slug, number = base, 2
            while slug in taken or (slug != base and Post.objects.filter(slug=slug).exists()):
                slug, number = f"{base}-{number}", number + 1
            taken.add(slug)
            post.slug = slug
            post.updated = post.created
        _insert_rows(Post, posts)
        ids = dict(
            Post.objects.filter(import_key__in=[post.import_key for post in posts]).values_list("import_key", "pk")
        )
        for post in posts:
            post.pk = ids[post.import_key]


def refresh_statistics():
    """Let the database's query planner see the archive as it now is."""
    tables = [model._meta.db_table for model in (Post, Source, Category, Outlet, Listing)]
    tables += [Post.categories.through._meta.db_table, "archive_categoryplacement"]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(table) for table in tables))
        else:
            cursor.execute("ANALYZE")


def _insert_rows(model, objects):
    """INSERT model instances in one executemany: much faster than bulk_create for wide rows.

    Values are taken as they are, but for date and time fields, which go through
    the database backend's own conversion.
    """
    fields = [field for field in model._meta.concrete_fields if not field.primary_key and not field.generated]
    convert = {
        field.attname: field
        for field in fields
        if isinstance(field, (models.DateTimeField, models.DateField))
    }
    rows = [
        [
            convert[field.attname].get_db_prep_save(getattr(obj, field.attname), connection)
            if field.attname in convert
            else getattr(obj, field.attname)
            for field in fields
        ]
        for obj in objects
    ]
    _insert(model, [field.name for field in fields], rows)


def _insert(model, field_names, rows, *, ignore_conflicts=False):
    """INSERT rows of values, ready for the database, into ``field_names`` of ``model``'s table."""
    if not rows:
        return
    columns = ", ".join(connection.ops.quote_name(model._meta.get_field(name).column) for name in field_names)
    marks = ", ".join(["%s"] * len(field_names))
    conflicts = " ON CONFLICT DO NOTHING" if ignore_conflicts else ""
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks}){conflicts}", rows)


class _NoProgress:
    def update(self, count):
        pass

    def close(self):
        pass


def import_listings(paths, *, dry_run=False, progress=None):
    """Import the listing files or folders in ``paths``; return a Summary."""
    return Importer(paths, dry_run=dry_run, progress=progress).run()
