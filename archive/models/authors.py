"""The people who wrote the posts: each with a page of their own, /author/SLUG/."""

from django.db import models

from .slugs import Named


class Author(Named):
    """A post's author, by the name readers saw.

    Made by the WordPress import from the blog's users who wrote a post that
    came in, or by an editor. Only the name is kept: never the blog's login or
    the email address, which the export also carries. The slug is made from
    the name; the blog's own author path (``/author/NICENAME/``, the login made
    a slug) is an old path that leads here.
    """

    name = models.CharField(max_length=200, help_text="As the original blog showed it.")
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    # The number of posts by this author: derived, kept by archive.derived with each post's ``author_rank``.
    post_count = models.PositiveIntegerField(default=0, db_default=0, editable=False)
    # Recognises the author on every re-import: the export's site address and the blog's author path.
    import_key = models.CharField(max_length=300, unique=True, null=True, blank=True, editable=False)

    url_name, slug_fallback = "archive:author", "author"
    keeps_old_paths = True

    class Meta:
        ordering = ["name"]
