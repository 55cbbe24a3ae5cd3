"""The Jinja2 environment of the reader's pages (the admin keeps Django's templates).

Jinja2 compiles each template to Python once, so a list page of eight posts with
their sources and categories renders several times faster than with Django's
template language. The globals and filters below are Django's own functions:
URLs come from ``reverse`` (remembered by archive.links), static files from the
staticfiles storage, and dates are formatted by Django in the current time
zone, as Django's templates would.
"""

import datetime
import functools
import json
import re

from django.conf import settings
from django.core.signals import setting_changed
from django.db.models import Count
from django.dispatch import receiver
from django.template import defaultfilters
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from jinja2 import Environment

from .caching import per_generation
from .links import link
from .models import Category

# Characters that could end a <script> element or start markup, escaped in JSON.
JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def environment(**options):
    env = Environment(**options)
    env.globals.update(
        url=link, static=static_url, category_list=category_list, article_json_ld=article_json_ld,
        comment_fields=comment_fields,
    )
    env.filters.update(
        absolute_url=absolute_url,
        date=date,
        iriencode=iriencode,
        linebreaksbr=linebreaksbr,
        truncatewords=defaultfilters.truncatewords,
        pluralize=defaultfilters.pluralize,
        comment_line=comment_line,
        w3c_datetime=w3c_datetime,
    )
    return env


@functools.lru_cache(maxsize=256)
def static_url(path):
    """Django's ``static()``, remembered: every page links the same few files, and
    looking each up in the staticfiles manifest cost more than a list page's macros."""
    return static(path)


@receiver(setting_changed)
def _forget_static_urls(setting, **kwargs):
    if setting in {"STATIC_URL", "STATIC_ROOT", "STORAGES", "DEBUG"}:
        static_url.cache_clear()


def absolute_url(instance):
    """``instance.get_absolute_url()``: as a filter, called directly, where a call in a
    template goes through Jinja2's Context.call (a list page makes dozens of links)."""
    return instance.get_absolute_url()


def date(value, format_string):
    """A date or time in Django's date format, in the current time zone."""
    return _formatted(template_localtime(value), format_string)


@functools.lru_cache(maxsize=4096)
def _formatted(value, format_string):
    # The same dates come back on page after page (a post's, its sources'):
    # Django's formatting of each is remembered.
    return defaultfilters.date(value, format_string)


# What Django's iri_to_uri leaves as it is: a URL made of these alone needs no work.
_URI_AS_IS = re.compile(r"[A-Za-z0-9_.~/#%\[\]=:;$&()+,!?*@'-]*")


def iriencode(value):
    """Django's iriencode filter, sparing the URLs it would leave unchanged (most)."""
    value = str(value)
    return value if _URI_AS_IS.fullmatch(value) else defaultfilters.iriencode(value)


@functools.lru_cache(maxsize=1024)
def w3c_datetime(value):
    """A date, or a time to the second with its UTC offset, as sitemaps write them.

    Remembered: the sitemap index gives each of its hundreds of sitemaps of posts
    the same date (a third of its instructions went to formatting it again). A time
    equal to one remembered, the same instant in another zone, is written as that one."""
    if isinstance(value, datetime.datetime):
        return value.isoformat(timespec="seconds")
    return value.isoformat()


def linebreaksbr(value):
    return defaultfilters.linebreaksbr(value, autoescape=True)


def comment_line(count):
    """The comment line as the original blog showed it."""
    if not count:
        return "Leave a comment"
    return "1 Comment" if count == 1 else f"{count} Comments"


def category_list(request):
    """The list of categories with their post counts, shown on every page.

    Rendered once per generation of the archive (see archive.caching): every
    change that could alter it starts a new generation. The page cache has
    usually read the generation for this request already.
    """
    def render():
        categories = Category.objects.annotate(post_count=Count("posts")).filter(post_count__gt=0)
        return render_to_string("archive/_category_list.html", {"categories": categories})

    html = per_generation("fragment:category-list", render, request)
    return mark_safe(html)


def comment_fields(form=None):
    """The comment form's fields: ``form``'s, with what the reader entered and its errors.

    Without a form, an empty one's: the same on every post page, so rendered
    once per process (a sixth of a post page's time otherwise).
    """
    if form is None:
        return _empty_comment_fields()
    return mark_safe(render_to_string("archive/_comment_fields.html", {"comment_form": form}))


@functools.cache
def _empty_comment_fields():
    from .forms import CommentForm

    return comment_fields(CommentForm())


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
