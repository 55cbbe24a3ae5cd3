"""Every change, as it is saved, brings the derived data up to date; ``batch()`` holds that off for many at once."""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from ..models import Author, Category, Comment, Listing, Outlet, Page, Post, Source, Tag
from .generation import archive_changed
from .ranks import count_categories, recount_comments, refresh_search_terms, renumber_categories, renumber_posts

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


def comments_moderated(post_ids):
    """Comments of these posts were changed in bulk (``update()`` sends no signals): recount, start a generation."""
    _note(counts_of=Post.objects.filter(pk__in=list(post_ids)))


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
    # A new date moves it in the order; another author, from one author's list to another's.
    moved = created or instance.published != getattr(instance, "_loaded_published", None)
    moved |= instance.author_id != getattr(instance, "_loaded_author_id", None)
    instance._loaded_published, instance._loaded_author_id = instance.published, instance.author_id
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


@receiver(m2m_changed, sender=Post.tags.through, dispatch_uid="archive.derived.tags")
def _tags_changed(sender, action, using, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"}:
        _note(using=using)


@receiver(post_save, sender=Source, dispatch_uid="archive.derived.source_saved")
@receiver(post_delete, sender=Source, dispatch_uid="archive.derived.source_deleted")
def _source_changed(sender, instance, using, **kwargs):
    # The post is gone already when its sources go with it.
    _note(terms_of=Post.objects.filter(pk=instance.post_id), using=using)


@receiver(post_save, sender=Category, dispatch_uid="archive.derived.category_saved")
def _category_saved(sender, instance, created, using, **kwargs):
    # Renamed, or put under another category, whose archive then holds its posts.
    _note(filings=not created, terms_of=[] if created else instance.posts.all(), using=using)


@receiver(post_save, sender=Outlet, dispatch_uid="archive.derived.outlet_saved")
def _outlet_saved(sender, instance, created, using, **kwargs):
    _note(terms_of=[] if created else Post.objects.filter(sources__outlet=instance).distinct(), using=using)


@receiver(post_delete, sender=Author, dispatch_uid="archive.derived.author_deleted")
def _author_deleted(sender, using, **kwargs):
    # Its posts have no author any more (SET_NULL): their places among an author's posts go.
    _note(order=True, using=using)


@receiver(post_save, sender=Author, dispatch_uid="archive.derived.author_saved")
@receiver(post_save, sender=Listing, dispatch_uid="archive.derived.listing_saved")
@receiver(post_save, sender=Tag, dispatch_uid="archive.derived.tag_saved")
@receiver(post_delete, sender=Tag, dispatch_uid="archive.derived.tag_deleted")
@receiver(post_save, sender=Page, dispatch_uid="archive.derived.page_saved")
@receiver(post_delete, sender=Page, dispatch_uid="archive.derived.page_deleted")
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

