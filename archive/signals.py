"""Keep derived data in step with edits made outside the post itself: each post's
search index (its category and outlet names) and the category placements."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from .deferral import is_deferred
from .models import Category, Outlet, Post, Source
from .ranking import renumber_categories


def refresh(posts):
    for post in posts:
        post.refresh_index_terms()


@receiver(m2m_changed, sender=Post.categories.through)
def categories_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"} or is_deferred():
        return
    if not reverse:
        refresh([instance])
    elif pk_set:
        refresh(Post.objects.filter(pk__in=pk_set))
    renumber_categories()


@receiver(post_save, sender=Source)
@receiver(post_delete, sender=Source)
def source_changed(sender, instance, **kwargs):
    if is_deferred():
        return
    post = Post.objects.filter(pk=instance.post_id).first()
    if post is not None:
        refresh([post])


@receiver(post_save, sender=Category)
def category_renamed(sender, instance, created, **kwargs):
    if not created and not is_deferred():
        refresh(instance.posts.all())


@receiver(post_save, sender=Outlet)
def outlet_renamed(sender, instance, created, **kwargs):
    if not created and not is_deferred():
        refresh(Post.objects.filter(sources__outlet=instance).distinct())
