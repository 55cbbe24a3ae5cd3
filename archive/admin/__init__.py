"""The editors' admin: posts with history and preview, categories, tags, authors and outlets, sources, comment
moderation; under each post, page, category, tag and author, the old paths that lead to it."""

from django.contrib import admin

from . import comments, listings, names, pages, posts  # noqa: F401  (each registers its screens)

admin.site.site_header = "Briefings archive"
admin.site.site_title = "Briefings admin"
admin.site.index_title = "Edit the archive"
