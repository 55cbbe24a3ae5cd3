"""Records from the parsed elements of a WXR export: which child holds what, and how it is read.

reader.py streams the file and hands each finished channel-level element to a
RecordBuilder; this module names WXR's elements whatever the version of their
namespace, and turns ids into ints and WordPress's dates into datetimes. Like
the reader, it knows nothing about Django.
"""

from __future__ import annotations

import datetime
import functools
import re

from .records import Author, Category, Comment, Item, ItemTerm, Tag, Term, WordPressExportError

# Every WXR version has its own namespace (1.0, 1.1, 1.2, ...); WordPress writes
# http://, some third-party exporters https://. The excerpt namespace is the
# version's namespace plus "excerpt/".
WXR_NAMESPACE = re.compile(r"https?://wordpress\.org/export/(?P<version>\d+\.\d+)/(?P<excerpt>excerpt/)?\Z")
OTHER_NAMESPACES = {
    "purl.org/rss/1.0/modules/content/": "content",
    "purl.org/dc/elements/1.1/": "dc",
    "wellformedweb.org/CommentAPI/": "wfw",
}
NO_DATE = "0000-00-00"
WORDPRESS_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}")


@functools.lru_cache(maxsize=256)
def short_name(tag):
    """``{namespace}local`` as ``prefix:local`` for the namespaces of WXR, whatever their version."""
    if not tag.startswith("{"):
        return tag
    namespace, _, local = tag[1:].partition("}")
    if match := WXR_NAMESPACE.match(namespace):
        return f"{'excerpt' if match['excerpt'] else 'wp'}:{local}"
    prefix = OTHER_NAMESPACES.get(namespace.removeprefix("http://").removeprefix("https://"))
    return f"{prefix}:{local}" if prefix else tag


def text(element):
    # Most elements hold one text (a CDATA section) and nothing else: read it as it is.
    if not len(element):
        return element.text or ""
    return "".join(element.itertext())


class RecordBuilder:
    """Makes records of elements; its errors name the file and the line of the element at fault."""

    def __init__(self, path):
        self.path = path
        self.line = 1  # the last line reached, for errors without a line of their own

    def error(self, line, message):
        return WordPressExportError(self.path, line or self.line, message)

    def record(self, name, element):
        if name == "item":
            return self.item(element)
        get = _Fields(self, element)
        if name == "wp:author":
            return Author(
                login=get.text("wp:author_login"),
                display_name=get.text("wp:author_display_name"),
                email=get.text("wp:author_email"),
                id=get.integer("wp:author_id", None),
                first_name=get.text("wp:author_first_name"),
                last_name=get.text("wp:author_last_name"),
            )
        if name == "wp:category":
            return Category(
                slug=get.text("wp:category_nicename"),
                name=get.text("wp:cat_name"),
                parent_slug=get.text("wp:category_parent"),
                description=get.text("wp:category_description"),
                term_id=get.integer("wp:term_id", None),
            )
        if name == "wp:tag":
            return Tag(
                slug=get.text("wp:tag_slug"),
                name=get.text("wp:tag_name"),
                description=get.text("wp:tag_description"),
                term_id=get.integer("wp:term_id", None),
            )
        if name == "wp:term":
            return Term(
                taxonomy=get.text("wp:term_taxonomy"),
                slug=get.text("wp:term_slug"),
                name=get.text("wp:term_name"),
                parent_slug=get.text("wp:term_parent"),
                description=get.text("wp:term_description"),
                term_id=get.integer("wp:term_id", None),
            )
        return None  # pubDate, generator, image, …: nothing the archive needs

    def item(self, element):
        terms, meta, comments = [], {}, []
        get = _Fields(self, element, {
            "category": lambda child: terms.append(
                ItemTerm(child.get("domain", ""), child.get("nicename", ""), text(child).strip())
            ),
            "wp:postmeta": lambda child: self.meta(child, meta),
            "wp:comment": lambda child: comments.append(self.comment(child)),
        })
        return Item(
            post_type=get.text("wp:post_type"),
            id=get.integer("wp:post_id", 0),
            line=element.sourceline or 0,
            title=get.text("title"),
            link=get.text("link"),
            guid=get.text("guid"),
            creator=get.text("dc:creator"),
            content=get.text("content:encoded", strip=False),
            excerpt=get.text("excerpt:encoded", strip=False),
            date=utc(get.date("wp:post_date_gmt"), get.date("wp:post_date")),
            local_date=get.date("wp:post_date"),
            modified=utc(get.date("wp:post_modified_gmt"), get.date("wp:post_modified")),
            slug=get.text("wp:post_name"),
            status=get.text("wp:status"),
            parent=get.integer("wp:post_parent", 0),
            menu_order=get.integer("wp:menu_order", 0),
            password=get.text("wp:post_password", strip=False),
            is_sticky=get.text("wp:is_sticky") == "1",
            comment_status=get.text("wp:comment_status"),
            ping_status=get.text("wp:ping_status"),
            attachment_url=get.text("wp:attachment_url"),
            terms=terms,
            meta=meta,
            comments=comments,
        )

    def meta(self, element, meta):
        """One wp:postmeta or wp:commentmeta into ``meta``; a key already there keeps its value."""
        get = _Fields(self, element)
        meta.setdefault(get.text("wp:meta_key"), get.text("wp:meta_value", strip=False))

    def comment(self, element):
        meta = {}
        get = _Fields(self, element, {"wp:commentmeta": lambda child: self.meta(child, meta)})
        return Comment(
            id=get.integer("wp:comment_id", 0),
            author=get.text("wp:comment_author"),
            author_email=get.text("wp:comment_author_email"),
            author_url=get.text("wp:comment_author_url"),
            author_ip=get.text("wp:comment_author_IP"),
            date=utc(get.date("wp:comment_date_gmt"), get.date("wp:comment_date")),
            local_date=get.date("wp:comment_date"),
            content=get.text("wp:comment_content", strip=False),
            approved=get.text("wp:comment_approved"),
            type=get.text("wp:comment_type"),
            parent=get.integer("wp:comment_parent", 0),
            user_id=get.integer("wp:comment_user_id", 0),
            meta=meta,
        )


class _Fields:
    """An element's children by short name, read as text, whole numbers or dates.

    Children named in ``handlers`` (those that repeat: terms, meta, comments)
    are handed to their handler instead. A child that is not where the
    builder expects it keeps its line, so that an error points at it.
    """

    def __init__(self, builder, element, handlers=None):
        self.builder = builder
        self.line = element.sourceline
        self.found = {}
        for child in element:
            if not isinstance(child.tag, str):
                continue  # an entity reference (never resolved) or a comment
            name = short_name(child.tag)
            if handlers and name in handlers:
                handlers[name](child)
            else:
                self.found[name] = (text(child), child.sourceline)

    def text(self, name, strip=True):
        value = self.found.get(name, ("", None))[0]
        return value.strip() if strip else value

    def integer(self, name, default):
        value, line = self.found.get(name, ("", None))
        if not value.strip():
            return default
        try:
            return int(value.strip())
        except ValueError:
            raise self.builder.error(line or self.line, f"expected a whole number, found “{value.strip()[:40]}”") from None

    def date(self, name):
        """A naive datetime from WordPress's "YYYY-MM-DD HH:MM:SS"; None for none or all zeros."""
        value, line = self.found.get(name, ("", None))
        value = value.strip()
        if not value or value.startswith(NO_DATE):
            return None
        try:
            # fromisoformat, not strptime: a post has a dozen dates, and strptime took a tenth of an import.
            if WORDPRESS_DATE.fullmatch(value):
                return datetime.datetime.fromisoformat(value)
            raise ValueError(value)
        except ValueError:
            raise self.builder.error(
                line or self.line, f"expected a date “YYYY-MM-DD HH:MM:SS”, found “{value[:40]}”"
            ) from None


def utc(gmt, local):
    """The GMT time as aware UTC; failing that the local time, taken as UTC (WXR does not give the zone)."""
    moment = gmt or local
    return moment.replace(tzinfo=datetime.UTC) if moment else None
