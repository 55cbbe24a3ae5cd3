from django.conf import settings

from ..models import Category, Page
from .paths import path_maker

# In the WSGI environ of the static export's requests (archive.static_export), which no HTTP client can send:
# the page is for a folder of files, so it leaves out what needs a server (the comment form).
FROZEN = "briefings.frozen"


def site(request):
    """What every page shows: the site's title and, in its footer, the categories with their post counts and the
    original blog's pages; ``frozen`` for the static export's pages."""
    return {
        "site_title": settings.SITE_TITLE, "footer_categories": footer_categories, "footer_pages": footer_pages,
        "frozen": bool(request.META.get(FROZEN)),
    }


def footer_categories():
    """(name, path, number of posts) of every category with posts, by name: read when a page shows them."""
    path = path_maker("archive:category", ("slug", "placeholder-slug"))
    categories = Category.objects.filter(post_count__gt=0).order_by("name")
    return [(name, path(slug), count) for name, slug, count in categories.values_list("name", "slug", "post_count")]


def footer_pages():
    """(title, path) of the original blog's top-level pages (About, Contact), in the blog's order."""
    path = path_maker("archive:page", ("slug", "placeholder-slug"))
    pages = Page.objects.filter(parent=None).order_by("menu_order", "title").values_list("title", "slug")
    return [(title, path(slug)) for title, slug in pages]
