import json

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.db.models import Count
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from ..caching import per_generation
from ..models import Category

register = template.Library()

# Characters that could end a <script> element or start markup, escaped in JSON.
JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


@register.filter
def comment_line(count):
    """The comment line as the original blog showed it."""
    if not count:
        return "Leave a comment"
    return "1 Comment" if count == 1 else f"{count} Comments"


@register.simple_tag(takes_context=True)
def category_list(context):
    """The list of categories with their post counts, shown on every page.

    Rendered once per generation of the archive (see archive.caching): every
    change that could alter it starts a new generation. The page cache has
    usually read the generation for this request already.
    """

    def render():
        categories = Category.objects.annotate(post_count=Count("posts")).filter(post_count__gt=0)
        return render_to_string("archive/_category_list.html", {"categories": categories})

    generation = getattr(context.get("request"), "archive_generation", None)
    html = per_generation("fragment:category-list", render, generation)
    return mark_safe(html)


@register.simple_tag(takes_context=True)
def article_json_ld(context, post):
    """schema.org Article data for a post page, safe to embed in HTML."""
    request = context["request"]
    url = request.build_absolute_uri(post.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": post.title[:110],
        "url": url,
        "mainEntityOfPage": url,
        "description": " ".join(post.body_text.split()[:40]),
        "articleSection": [category.name for category in post.categories.all()],
        "dateModified": post.updated.isoformat(),
        "isPartOf": {"@type": "WebSite", "name": settings.SITE_TITLE, "url": request.build_absolute_uri("/")},
        "publisher": {"@type": "Organization", "name": settings.SITE_TITLE},
    }
    if post.published:
        data["datePublished"] = post.published.isoformat()
    if post.caption:
        data["image"] = {"@type": "ImageObject", "caption": post.caption}
    citations = [
        {"@type": "CreativeWork", "name": source.outlet.name, "url": source.url,
         "datePublished": source.date.isoformat()}
        for source in post.sources.all()
    ]
    if citations:
        data["citation"] = citations
    text = json.dumps(data, ensure_ascii=False).translate(JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
