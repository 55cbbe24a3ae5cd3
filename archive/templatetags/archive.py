from django import template
from django.db.models import Count

from ..models import Category

register = template.Library()


@register.filter
def comment_line(count):
    """The comment line as the original blog showed it."""
    if not count:
        return "Leave a comment"
    return "1 Comment" if count == 1 else f"{count} Comments"


@register.inclusion_tag("archive/_category_list.html")
def category_list():
    categories = Category.objects.annotate(post_count=Count("posts")).filter(post_count__gt=0)
    return {"categories": categories}
