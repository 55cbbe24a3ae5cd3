"""Slugs: a post's, category's or outlet's name made into a URL part that no other row has."""

from django.db.models import Q
from django.utils.text import slugify


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
