"""The editors' admin: posts with history and preview, categories, tags, authors and outlets, sources, comment
moderation; under each post, page, category, tag and author, the old paths that lead to it.

The site itself, with its names and home page, is briefings/admin.py."""

from . import comments, listings, names, pages, posts  # noqa: F401  (each registers its screens)
