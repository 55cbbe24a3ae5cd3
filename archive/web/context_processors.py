from django.conf import settings

from ..models import Category


def site(request):
    """What every page shows: the site's title and, in its footer, the categories with their post counts.

    The categories are a lazy queryset: read only by pages that show them.
    """
    return {
        "site_title": settings.SITE_TITLE,
        "footer_categories": Category.objects.filter(post_count__gt=0).order_by("name"),
    }
