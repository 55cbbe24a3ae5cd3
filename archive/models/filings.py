"""What pages show of a post's categories, tags and cited sources, kept in the post's own row.

Every list, feed and post page shows each post's categories, tags and sources.
Read from their own tables, they cost three more queries for every page
(``prefetch_related``: 35-40 % of a list page's time at 100 000 posts); kept
in the post's row (``Post.filed_and_cited``, JSON), they come with the post.

This module is the format: ``filed_and_cited()`` writes it from rows,
``FiledAndCited`` reads it back as the small objects templates use. Keeping it
in step is archive.derived's (``refresh_filings``, run by every change of a
post's categories, tags or sources, of a category's, tag's or outlet's name or
slug); importers write it with each new post.
"""

import datetime
from typing import NamedTuple

from .slugs import AtSlug


def filed_and_cited(categories, tags, sources):
    """The stored value: ``categories`` and ``tags`` (rows with a name and slug), ``sources`` ((outlet, date,
    url) in the post's order, the outlet a row with a name and slug). Categories and tags are listed by name."""
    value = {}
    if categories:
        value["categories"] = [[row.slug, row.name] for row in sorted(categories, key=_by_name)]
    if tags:
        value["tags"] = [[row.slug, row.name] for row in sorted(tags, key=_by_name)]
    if sources:
        value["sources"] = [[outlet.slug, outlet.name, date.isoformat(), url] for outlet, date, url in sources]
    return value


def _by_name(row):
    return (row.name, row.slug)


class Shown(AtSlug):
    """A category, tag or outlet as a page shows it: its name, linking to its page."""

    __slots__ = ("name", "slug")

    def __init__(self, slug, name):
        self.slug, self.name = slug, name

    def __str__(self):
        return self.name

    def __repr__(self):
        return f"<{type(self).__name__} {self.slug}>"


class ShownCategory(Shown):
    url_name = "archive:category"


class ShownTag(Shown):
    url_name = "archive:tag"


class ShownOutlet(Shown):
    url_name = "archive:source"


class CitedSource(NamedTuple):
    outlet: ShownOutlet
    date: datetime.date
    url: str


class FiledAndCited:
    """The categories (``filed_under``), tags (``tagged``) and sources (``cited_sources``) of a stored value."""

    def __init__(self, value):
        value = value or {}
        self.filed_under = [ShownCategory(*pair) for pair in value.get("categories", ())]
        self.tagged = [ShownTag(*pair) for pair in value.get("tags", ())]
        self.cited_sources = [
            CitedSource(ShownOutlet(slug, name), datetime.date.fromisoformat(date), url)
            for slug, name, date, url in value.get("sources", ())
        ]
