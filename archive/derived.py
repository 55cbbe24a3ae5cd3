"""Derived data, kept in one place: ranks, category placements, search terms and the cache generation.

Readers' pages stand on data worked out from what importers and editors enter:

- **Ranks.** ``Post.rank`` is each post's place in the archive's order
  (models.LISTING_ORDER), 1 to the number of posts, so that any page of the
  archive is a range of ranks and page 6 000 costs what page 1 costs.
- **Placements.** ``CategoryPlacement`` does the same within each category,
  and ``Category.post_count`` is the size of each category's archive.
- **Comment counts.** ``Post.approved_comment_count``: the readers' comments
  shown with each post in every listing.
- **Search terms.** ``Post.index_terms`` holds the names of a post's categories
  and cited outlets, so that search finds them with its text.
- **The generation.** One cache entry that every committed change replaces:
  the page cache (archive.web.page_cache) serves a stored page only if it was
  rendered in the current generation.

The receivers at the end keep all four in step with every single change, as it
is saved. When thousands of rows change at once (an import, a restore, a bulk
delete), ``batch()`` holds them off and brings the derived data up to date once,
at its end.
"""

import functools
import math
import secrets
import time
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count, OuterRef, Subquery, Window
from django.db.models.functions import Coalesce, RowNumber
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from .models import LISTING_ORDER, Category, CategoryPlacement, Comment, Listing, Outlet, Post, Source
from .search.index import index_terms

# Ranks and placements -----------------------------------------------------------------------------


def renumber_posts():
    """Give every post its rank in LISTING_ORDER, then rebuild the category placements.

    One UPDATE, whose SELECT the ORM writes from LISTING_ORDER (the one place the
    order is written down); rows already in place are not written.
    """
    numbered = Post.objects.order_by().annotate(number=Window(RowNumber(), order_by=LISTING_ORDER))
    # The ORM has no UPDATE … FROM: the numbering's SQL is read from the query
    # (docs/architecture.md, "Private APIs").
    select, params = numbered.values("id", "number").query.sql_with_params()
    table = Post._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f'UPDATE "{table}" SET rank = numbered.number FROM ({select}) AS numbered '
            f'WHERE "{table}".id = numbered.id AND ("{table}".rank IS NULL OR "{table}".rank <> numbered.number)',
            params,
        )
    renumber_categories()


def renumber_categories():
    """Number each category's posts 1, 2, 3… in rank order; each category's size is its highest number."""
    placements = CategoryPlacement._meta.db_table
    filings = Post.categories.through._meta.db_table
    posts = Post._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f'DELETE FROM "{placements}"')
        cursor.execute(
            f'INSERT INTO "{placements}" (category_id, rank, post_id) '
            "SELECT filing.category_id, ROW_NUMBER() OVER "
            "(PARTITION BY filing.category_id ORDER BY post.rank, post.id), filing.post_id "
            f'FROM "{filings}" AS filing JOIN "{posts}" AS post ON post.id = filing.post_id'
        )
    count_categories()


def count_categories():
    """Each category's size: its highest placement, since placements are numbered 1, 2, 3…"""
    highest = CategoryPlacement.objects.filter(category=OuterRef("pk")).order_by("-rank").values("rank")[:1]
    Category.objects.update(post_count=Coalesce(Subquery(highest), 0))


# Comment counts -----------------------------------------------------------------------------------


def recount_comments(posts=None):
    """Count the approved comments of ``posts`` (a queryset of posts; every post if None)."""
    approved = (
        Comment.objects.filter(post=OuterRef("pk"), status=Comment.Status.APPROVED)
        .order_by().values("post").annotate(count=Count("pk")).values("count")
    )
    (Post.objects.all() if posts is None else posts).update(approved_comment_count=Coalesce(Subquery(approved), 0))


def comments_moderated(post_ids):
    """Comments of these posts were changed in bulk (``update()`` sends no signals): recount, start a generation."""
    _note(counts_of=Post.objects.filter(pk__in=list(post_ids)))


# Search terms -------------------------------------------------------------------------------------


def refresh_search_terms(posts):
    """Read the names of each post's categories and outlets into its search terms."""
    for post in posts:
        terms = index_terms(
            post.categories.values_list("name", flat=True),
            Outlet.objects.filter(citations__post=post).values_list("name", flat=True),
        )
        Post.objects.filter(pk=post.pk).update(index_terms=terms)


# The generation -----------------------------------------------------------------------------------

GENERATION_KEY = "archive:generation"


@dataclass(frozen=True)
class Generation:
    number: int
    changed: float  # Unix time of the change that started this generation
    tag: str  # random: no two generations are ever alike, even after the cache was cleared

    @property
    def key(self):
        return f"{self.number}-{self.tag}"

    @property
    def last_modified(self):
        return math.floor(self.changed)


def _next_generation(previous=None):
    now = time.time()
    if previous is None:
        return (1, now, secrets.token_hex(4))
    number, changed, _ = previous
    # HTTP dates have whole seconds: each change moves Last-Modified on by at least
    # one, so that a client holding the previous date never gets a 304 for new content.
    return (number + 1, max(now, math.floor(changed) + 1), secrets.token_hex(4))


def current_generation(store=cache):
    value = store.get(GENERATION_KEY)
    if value is None:
        # The cache was cleared or lost the entry: start a new generation. Pages
        # stored under earlier ones may remain, but their keys differ by the tag.
        fresh = _next_generation()
        value = fresh if store.add(GENERATION_KEY, fresh, timeout=None) else store.get(GENERATION_KEY, fresh)
    return Generation(*value)


def start_generation(store=cache):
    """Make every stored page and every validator handed out so far obsolete, now.

    A read, then a write: two processes starting generations at once may both
    write the same number, but their tags differ, and the value left is one
    written after both their changes committed.
    """
    value = _next_generation(store.get(GENERATION_KEY))
    store.set(GENERATION_KEY, value, timeout=None)
    return Generation(*value)


class _Pending:
    started = False


_pending = ContextVar("archive_generation_pending", default=None)


def archive_changed(using=None):
    """Start a new generation when the current transaction commits (at once outside one).

    Never earlier: a reader who renders a page meanwhile sees the data as it was
    and stores the page under the old generation, which the commit then replaces.
    A rolled-back change starts none, and a transaction starts one however many
    changes it makes: its hooks share one ``_Pending``, and only the first to run
    starts a generation. (A rolled-back transaction's hooks never run; its
    ``_Pending`` is then shared by the next transaction's, which is as good.)
    """
    pending = _pending.get()
    if pending is None or pending.started:
        pending = _Pending()
        _pending.set(pending)
    transaction.on_commit(functools.partial(_start_once, pending), using=using)


def _start_once(pending):
    if not pending.started:
        pending.started = True
        start_generation()


# Batches ------------------------------------------------------------------------------------------


@dataclass
class Batch:
    """What changed inside ``batch()``, which its end brings up to date.

    Receivers note what saves and deletes change; code that writes rows without
    signals (the importer's bulk inserts) sets the flags itself.
    """

    order_changed: bool = False  # posts added, removed or moved: every rank
    filings_changed: bool = False  # posts filed under other categories: the placements
    placed: bool = False  # placements written by the caller itself: the categories' sizes
    comments_changed: bool = False  # comments added, removed or moderated: the counts
    changed: bool = False  # anything a page shows: a new generation


_batch = ContextVar("archive_derived_batch", default=None)


@contextmanager
def batch():
    """Hold off the per-row upkeep; bring ranks, placements and the generation up to date once, at the end.

    Search terms are not refreshed inside a batch: what writes posts in bulk
    writes their terms too (the importer from its listings, a restore from its
    file). Nested batches are one. Use it inside the transaction it belongs to.
    """
    if _batch.get() is not None:
        yield _batch.get()
        return
    changes = Batch()
    token = _batch.set(changes)
    try:
        yield changes
    finally:
        _batch.reset(token)
    if changes.order_changed:
        renumber_posts()
    elif changes.filings_changed:
        renumber_categories()
    elif changes.placed:
        count_categories()
    if changes.comments_changed:
        recount_comments()
    if changes.changed or changes.order_changed or changes.filings_changed or changes.comments_changed:
        archive_changed()


# Receivers: every single change -------------------------------------------------------------------


def _note(*, order=False, filings=False, terms_of=(), counts_of=None, using=None):
    """One change: in a batch, noted for its end; otherwise brought up to date now."""
    pending = _batch.get()
    if pending is not None:
        pending.order_changed |= order
        pending.filings_changed |= filings
        pending.comments_changed |= counts_of is not None
        pending.changed = True
        return
    refresh_search_terms(terms_of)
    if counts_of is not None:
        recount_comments(counts_of)
    if order:
        renumber_posts()
    elif filings:
        renumber_categories()
    archive_changed(using)


@receiver(post_save, sender=Post, dispatch_uid="archive.derived.post_saved")
def _post_saved(sender, instance, created, using, **kwargs):
    moved = created or instance.published != getattr(instance, "_loaded_published", None)
    instance._loaded_published = instance.published
    _note(order=moved, using=using)


@receiver(post_delete, sender=Post, dispatch_uid="archive.derived.post_deleted")
def _post_deleted(sender, using, **kwargs):
    _note(order=True, using=using)


@receiver(m2m_changed, sender=Post.categories.through, dispatch_uid="archive.derived.filings")
def _filings_changed(sender, instance, action, reverse, pk_set, using, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    posts = Post.objects.filter(pk__in=pk_set or ()) if reverse else [instance]
    _note(filings=True, terms_of=posts, using=using)


@receiver(post_save, sender=Source, dispatch_uid="archive.derived.source_saved")
@receiver(post_delete, sender=Source, dispatch_uid="archive.derived.source_deleted")
def _source_changed(sender, instance, using, **kwargs):
    # The post is gone already when its sources go with it.
    _note(terms_of=Post.objects.filter(pk=instance.post_id), using=using)


@receiver(post_save, sender=Category, dispatch_uid="archive.derived.category_saved")
def _category_saved(sender, instance, created, using, **kwargs):
    _note(terms_of=[] if created else instance.posts.all(), using=using)


@receiver(post_save, sender=Outlet, dispatch_uid="archive.derived.outlet_saved")
def _outlet_saved(sender, instance, created, using, **kwargs):
    _note(terms_of=[] if created else Post.objects.filter(sources__outlet=instance).distinct(), using=using)


@receiver(post_save, sender=Listing, dispatch_uid="archive.derived.listing_saved")
@receiver(post_delete, sender=Category, dispatch_uid="archive.derived.category_deleted")
@receiver(post_delete, sender=Outlet, dispatch_uid="archive.derived.outlet_deleted")
@receiver(post_delete, sender=Listing, dispatch_uid="archive.derived.listing_deleted")
def _shown_elsewhere(sender, using, **kwargs):
    _note(using=using)


@receiver(post_save, sender=Comment, dispatch_uid="archive.derived.comment_saved")
@receiver(post_delete, sender=Comment, dispatch_uid="archive.derived.comment_deleted")
def _comment_changed(sender, instance, using, created=False, **kwargs):
    # A reader's new comment shows nowhere until an editor approves it.
    if created and instance.status != Comment.Status.APPROVED:
        return
    # The post is gone already when its comments go with it.
    _note(counts_of=Post.objects.filter(pk=instance.post_id), using=using)
