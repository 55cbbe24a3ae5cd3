"""Slugs: a name made into a URL part that no other row has; what named rows and trees of rows share."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import slugify

from .old_paths import remember_old_url, url_before_save


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


class AtSlug:
    """A row with a page of its own: the route ``url_name`` with the row's slug (archive.web.paths.PagePaths
    fills such routes in without asking each row)."""

    url_name = ""  # the route of its page, which takes its slug

    def get_absolute_url(self):
        return reverse(self.url_name, kwargs={"slug": self.slug})


class Named(AtSlug, models.Model):
    """A row readers know by its name, with a page of its own at ``url_name`` (categories, tags, outlets)."""

    keeps_old_paths = False  # whether a changed slug leaves its old path leading here (models.old_paths)
    slug_fallback = ""  # the slug of a name that makes none

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(type(self), self.name, fallback=self.slug_fallback, exclude_pk=self.pk)
        # Categories and tags keep their old paths (outlets' pages are found from the posts citing them).
        old_url = url_before_save(self) if self.keeps_old_paths else None
        super().save(*args, **kwargs)
        remember_old_url(self, old_url)


def ancestors(node):
    """The rows above ``node`` through ``parent``, the topmost first (a loop, should an editor make one, ends it)."""
    chain, seen, parent = [], {node.pk}, node.parent
    while parent is not None and parent.pk not in seen:
        chain.append(parent)
        seen.add(parent.pk)
        parent = parent.parent
    return chain[::-1]
