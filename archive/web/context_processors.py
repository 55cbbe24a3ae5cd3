from django.conf import settings

from ..models import Category
from .paths import path_maker


def site(request):
    """What every page shows: the site's title and, in its footer, the categories with their post counts."""
    return {"site_title": settings.SITE_TITLE, "footer_categories": footer_categories}


def footer_categories():
    """(name, path, number of posts) of every category with posts, by name: read when a page shows them."""
    path = path_maker("archive:category", ("slug", "placeholder-slug"))
    categories = Category.objects.filter(post_count__gt=0).order_by("name")
    return [(name, path(slug), count) for name, slug, count in categories.values_list("name", "slug", "post_count")]
