from django.conf import settings

from ..models import Page
from .paths import PagePaths, path_maker

# In the WSGI environ of the static export's requests (archive.static_export), which no HTTP client can send:
# the page is for a folder of files, so it leaves out what needs a server (the comment form).
FROZEN = "briefings.frozen"


def site(request):
    """What every page shows: the site's title and, in its footer, the original blog's pages; ``frozen`` for the
    static export's pages.

    The footer once listed every category with its size: a query and a sixth of the time of every page, for a
    list that /category/ (linked from every page's header and footer) shows better, under each parent."""
    return {
        "site_title": settings.SITE_TITLE, "footer_pages": footer_pages, "lists_show": settings.LISTS_SHOW,
        "frozen": bool(request.META.get(FROZEN)),
        # The page's links, each route reversed once (templates' url() and absolute_url).
        "paths": PagePaths(),
    }


def footer_pages():
    """(title, path) of the original blog's top-level pages (About, Contact), in the blog's order."""
    path = path_maker("archive:page", ("slug", "placeholder-slug"))
    pages = Page.objects.filter(parent=None).order_by("menu_order", "title").values_list("title", "slug")
    return [(title, path(slug)) for title, slug in pages]
