"""Every change, as it is saved, brings the derived data up to date; ``batch()`` holds that off for many at once."""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from ..models import Author, Category, Comment, Listing, Outlet, Page, Post, Source, Tag
from .filings import post_ids, refresh_filings
from .generation import archive_changed
from .ranks import (
    count_categories, count_outlets, recount_comments, renumber_categories, renumber_outlets, renumber_posts,
    renumber_tags,
)

# Batches ------------------------------------------------------------------------------------------


@dataclass
class Batch:
    """What changed inside ``batch()``, which its end brings up to date.

    Receivers note what saves and deletes change; code that writes rows without
    signals (the importer's bulk inserts) sets the flags itself.
    """

    order_changed: bool = False  # posts added, removed or moved: every rank
    filings_changed: bool = False  # posts filed under other categories or tags: every placement of both
    categories_changed: bool = False  # posts filed under other categories, their tags unchanged: every category's
    placed: bool = False  # placements written by the caller itself: the categories' and outlets' sizes
    citations_changed: bool = False  # sources written by the caller itself: every outlet's placements
    # Posts whose sources were added, removed or moved to another outlet (ids): their outlets' placements.
    recited: set = field(default_factory=set)
    retagged: set = field(default_factory=set)  # posts whose tags changed (ids): their tags' placements
    comments_changed: bool = False  # comments added, removed or moderated: the counts
    changed: bool = False  # anything a page shows: a new generation
    # Posts whose categories, tags or sources changed (ids), or whose category, tag or outlet was renamed:
    # what pages show of those, and their search terms.
    refiled: set = field(default_factory=set)


_batch = ContextVar("archive_derived_batch", default=None)


@contextmanager
def batch():
    """Hold off the per-row upkeep; bring ranks, placements and the generation up to date once, at the end.

    What writes new posts in bulk writes their filings and search terms with
    them (the importer); posts written before whose categories, tags or sources
    it changes, it names in ``refiled``. Nested batches are one. Use it inside
    the transaction it belongs to.
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
    refresh_filings(sorted(changes.refiled))
    if changes.order_changed:
        renumber_posts()
    elif changes.filings_changed or changes.categories_changed:
        renumber_categories()
        if changes.filings_changed:
            renumber_tags()
    elif changes.placed:
        count_categories()
    if not changes.order_changed:
        if changes.citations_changed or changes.recited:
            renumber_outlets(None if changes.citations_changed else sorted(changes.recited))
        elif changes.placed:
            count_outlets()
        if changes.retagged and not changes.filings_changed:
            renumber_tags(sorted(changes.retagged))
    if changes.comments_changed:
        recount_comments()
    if (changes.changed or changes.order_changed or changes.filings_changed or changes.categories_changed
            or changes.comments_changed or changes.citations_changed):
        archive_changed()


def comments_moderated(post_ids):
    """Comments of these posts were changed in bulk (``update()`` sends no signals): recount, start a generation."""
    _note(counts_of=Post.objects.filter(pk__in=list(post_ids)))


# Receivers: every single change -------------------------------------------------------------------


def _note(*, order=False, filings=False, cited=(), tagged=(), refiled=(), counts_of=None, using=None):
    """One change: in a batch, noted for its end; otherwise brought up to date now.

    ``refiled``: the posts (or their ids) whose categories, tags or sources changed, or were renamed;
    ``cited``: the ids of the posts whose sources changed; ``tagged``: the posts (or ids) whose tags changed.
    """
    pending = _batch.get()
    if pending is not None:
        pending.order_changed |= order
        pending.filings_changed |= filings
        pending.recited.update(cited)
        pending.retagged.update(post_ids(tagged))
        pending.comments_changed |= counts_of is not None
        pending.changed = True
        pending.refiled.update(post_ids(refiled))
        return
    refresh_filings(refiled)
    if counts_of is not None:
        recount_comments(counts_of)
    if order:
        renumber_posts()
    else:
        if filings:
            renumber_categories()
        if cited:
            renumber_outlets(cited)
        if tagged:
            renumber_tags(post_ids(tagged))
    archive_changed(using)


@receiver(post_save, sender=Post, dispatch_uid="archive.derived.post_saved")
def _post_saved(sender, instance, created, using, **kwargs):
    # A new date moves it in the order; another author, from one author's list to another's.
    moved = created or instance.published != getattr(instance, "_loaded_published", None)
    moved |= instance.author_id != getattr(instance, "_loaded_author_id", None)
    instance._loaded_published, instance._loaded_author_id = instance.published, instance.author_id
    # A raw save (a restored version, a backup loaded) writes the whole row as it was, derived values too:
    # what it shows of its categories, tags and sources is read again, as they are now.
    _note(order=moved, refiled=[instance] if kwargs.get("raw") else [], using=using)


@receiver(post_delete, sender=Post, dispatch_uid="archive.derived.post_deleted")
def _post_deleted(sender, using, **kwargs):
    _note(order=True, using=using)


@receiver(m2m_changed, sender=Post.categories.through, dispatch_uid="archive.derived.filings")
def _filings_changed(sender, instance, action, reverse, pk_set, using, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    _note(filings=True, refiled=_changed_posts(instance, reverse, pk_set), using=using)


@receiver(m2m_changed, sender=Post.tags.through, dispatch_uid="archive.derived.tags")
def _tags_changed(sender, instance, action, reverse, pk_set, using, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"}:
        posts = _changed_posts(instance, reverse, pk_set)
        _note(tagged=posts, refiled=posts, using=using)


def _changed_posts(instance, reverse, pk_set):
    # From the post's side, the post; from the category's or tag's, the posts added or removed (a clear()
    # from that side names none: the receiver of pre_clear below has them).
    if not reverse:
        return [instance]
    if pk_set is None:
        return getattr(instance, "_posts_before_clear", [])
    return list(pk_set)


@receiver(m2m_changed, sender=Post.categories.through, dispatch_uid="archive.derived.filings_cleared")
@receiver(m2m_changed, sender=Post.tags.through, dispatch_uid="archive.derived.tags_cleared")
def _before_clear(sender, instance, action, reverse, **kwargs):
    if action == "pre_clear" and reverse:
        instance._posts_before_clear = list(instance.posts.values_list("pk", flat=True))


@receiver(post_save, sender=Source, dispatch_uid="archive.derived.source_saved")
@receiver(post_delete, sender=Source, dispatch_uid="archive.derived.source_deleted")
def _source_changed(sender, instance, using, **kwargs):
    # The post is gone already when its sources go with it (refresh_filings passes over it).
    _note(cited=[instance.post_id], refiled=[instance.post_id], using=using)


@receiver(post_save, sender=Category, dispatch_uid="archive.derived.category_saved")
def _category_saved(sender, instance, created, using, **kwargs):
    # Renamed, or put under another category, whose archive then holds its posts.
    _note(filings=not created, refiled=[] if created else instance.posts.all(), using=using)


@receiver(post_save, sender=Tag, dispatch_uid="archive.derived.tag_saved")
def _tag_saved(sender, instance, created, using, **kwargs):
    _note(refiled=[] if created else instance.posts.all(), using=using)


@receiver(post_save, sender=Outlet, dispatch_uid="archive.derived.outlet_saved")
def _outlet_saved(sender, instance, created, using, **kwargs):
    _note(refiled=[] if created else Post.objects.filter(sources__outlet=instance).distinct(), using=using)


# A deleted category or tag takes its links to posts with it, without m2m_changed: its posts are read first.
@receiver(pre_delete, sender=Category, dispatch_uid="archive.derived.category_deleting")
@receiver(pre_delete, sender=Tag, dispatch_uid="archive.derived.tag_deleting")
def _term_deleting(sender, instance, **kwargs):
    instance._posts_before_delete = list(instance.posts.values_list("pk", flat=True))


@receiver(post_delete, sender=Category, dispatch_uid="archive.derived.category_deleted")
@receiver(post_delete, sender=Tag, dispatch_uid="archive.derived.tag_deleted")
def _term_deleted(sender, instance, using, **kwargs):
    _note(refiled=getattr(instance, "_posts_before_delete", []), using=using)


@receiver(post_delete, sender=Author, dispatch_uid="archive.derived.author_deleted")
def _author_deleted(sender, using, **kwargs):
    # Its posts have no author any more (SET_NULL): their places among an author's posts go.
    _note(order=True, using=using)


@receiver(post_save, sender=Author, dispatch_uid="archive.derived.author_saved")
@receiver(post_save, sender=Listing, dispatch_uid="archive.derived.listing_saved")
@receiver(post_save, sender=Page, dispatch_uid="archive.derived.page_saved")
@receiver(post_delete, sender=Page, dispatch_uid="archive.derived.page_deleted")
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

