"""The Jinja2 environment of the reader's pages (the admin keeps Django's templates).

Jinja2 compiles each template to Python once, so a list page of eight posts with
their sources and categories renders several times faster than with Django's
template language. The globals and filters below are Django's own functions:
URLs come from ``reverse``, static files from the staticfiles storage, and dates
are formatted by Django in the current time zone, as Django's templates would.
"""

import json

from django.conf import settings
from django.template import defaultfilters
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from jinja2 import Environment, pass_context

from .. import markup

# Characters that could end a <script> element or start markup, escaped in JSON.
JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def environment(**options):
    env = Environment(**options)
    env.globals.update(url=url, static=static, article_json_ld=article_json_ld, comment_fields=comment_fields)
    env.filters.update(
        absolute_url=absolute_url,
        date=date,
        iriencode=defaultfilters.iriencode,
        linebreaksbr=markup.text_with_line_breaks,
        truncatewords=defaultfilters.truncatewords,
        pluralize=defaultfilters.pluralize,
        comment_line=comment_line,
        w3c_datetime=w3c_datetime,
    )
    return env


@pass_context
def url(context, name, **kwargs):
    """``{{ url('archive:category', slug=…) }}``: Django's reverse(), once per rendering (``PagePaths``)."""
    paths = context.get("paths")
    return paths.reverse(name, **kwargs) if paths is not None else reverse(name, kwargs=kwargs)


@pass_context
def absolute_url(context, instance):
    """``instance.get_absolute_url()``, each route reversed once per rendering (``PagePaths``)."""
    paths = context.get("paths")
    return paths.of(instance) if paths is not None else instance.get_absolute_url()


def date(value, format_string):
    """A date or time in Django's date format, in the current time zone."""
    return defaultfilters.date(template_localtime(value), format_string)


def w3c_datetime(value):
    """A date, or a time to the second with its UTC offset, as sitemaps write them."""
    return value.isoformat(timespec="seconds") if hasattr(value, "hour") else value.isoformat()


def comment_line(count, frozen=False):
    """The comment line as the original blog showed it (a static copy takes no comments)."""
    if not count:
        return "No comments" if frozen else "Leave a comment"
    return "1 Comment" if count == 1 else f"{count} Comments"


def comment_fields(form):
    """The comment form's fields, with what the reader entered and its errors.

    Django's Jinja2 form renderer renders the widgets; this template lays them out.
    """
    return mark_safe(render_to_string("archive/_comment_fields.html", {"comment_form": form}))


def article_json_ld(request, post):
    """schema.org Article data for a post page, safe to embed in HTML."""
    url = request.build_absolute_uri(post.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": post.title[:110],
        "url": url,
        "mainEntityOfPage": url,
        "description": " ".join(post.body_text.split()[:40]),
        "articleSection": [category.name for category in post.filed_under],
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
        for source in post.cited_sources
    ]
    if citations:
        data["citation"] = citations
    text = json.dumps(data, ensure_ascii=False).translate(JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
