"""What a WordPress export is made of, as plain data.

The reader (reader.py) turns a WXR file into these records; like it, this
module knows nothing about Django. Every field holds the text the export held
(CDATA unwrapped, XML entities decoded; white space around it trimmed, except
in contents, excerpts, passwords and meta values) unless its comment says it
is parsed: ids and orders are ints, dates are datetimes, flags are bools.
HTML in the text (titles, contents, term names stored as "A &amp; B") is left
as WordPress stored it.

Personal data (e-mail and IP addresses, post passwords) is kept, because an
importer may need it to tell people apart, but it is left out of the records'
``repr`` so that it does not end up in logs or error reports by accident.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from ..problems import FileProblem


class WordPressExportError(FileProblem):
    """A problem in a WordPress export file, located by path and line."""


@dataclass(frozen=True)
class Site:
    """The blog the export came from: the channel's own elements."""

    title: str = ""
    link: str = ""  # the blog's home page
    description: str = ""  # its tagline
    language: str = ""
    base_site_url: str = ""  # wp:base_site_url, where WordPress is installed
    base_blog_url: str = ""  # wp:base_blog_url, the blog's address
    wxr_version: str = ""  # wp:wxr_version, or the version in the wp: namespace when absent


@dataclass(frozen=True)
class Author:
    """A wp:author (WXR 1.1 and later): a user who wrote something in the export."""

    login: str
    display_name: str = ""
    email: str = field(default="", repr=False)  # kept to match people, never to be shown
    id: int | None = None
    first_name: str = ""
    last_name: str = ""


@dataclass(frozen=True)
class Category:
    """A wp:category: one category of the blog, its parent named by slug."""

    slug: str  # wp:category_nicename
    name: str  # as WordPress stores it: HTML-escaped ("Science &amp; Technology"); see bodies.title_text
    parent_slug: str = ""  # "" for a top-level category
    description: str = ""
    term_id: int | None = None  # absent in WXR 1.0


@dataclass(frozen=True)
class Tag:
    """A wp:tag: one tag of the blog."""

    slug: str
    name: str
    description: str = ""
    term_id: int | None = None


@dataclass(frozen=True)
class Term:
    """A wp:term: a term of any other taxonomy (menus, post formats, a plugin's own)."""

    taxonomy: str
    slug: str
    name: str
    parent_slug: str = ""
    description: str = ""
    term_id: int | None = None


@dataclass(frozen=True)
class ItemTerm:
    """One ``<category domain="…" nicename="…">Name</category>`` of an item."""

    domain: str  # "category", "post_tag", "post_format", "nav_menu", …
    slug: str
    name: str


@dataclass
class Comment:
    """A wp:comment of an item, whatever its state (see ``approved``)."""

    id: int
    author: str = ""
    author_email: str = field(default="", repr=False)
    author_url: str = ""
    author_ip: str = field(default="", repr=False)
    # The moment in UTC (wp:comment_date_gmt, else wp:comment_date taken as UTC;
    # see Item.date), and the time as the blog showed it.
    date: datetime.datetime | None = None
    local_date: datetime.datetime | None = None
    content: str = ""
    approved: str = ""  # "1" approved, "0" pending, "spam", "trash"
    type: str = ""  # "" or "comment" for a comment, "pingback", "trackback", …
    parent: int = 0  # the id of the comment this one answers; 0 if none
    user_id: int = 0  # the commenter's user id on the blog; 0 for a visitor
    meta: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def is_approved(self):
        return self.approved == "1"

    @property
    def is_ping(self):
        return self.type in ("pingback", "trackback")


@dataclass
class Item:
    """One ``<item>``: a post, a page, an attachment, a menu entry or any custom type."""

    post_type: str  # "post", "page", "attachment", "nav_menu_item", …
    id: int  # wp:post_id
    line: int = 0  # where the item starts in the file
    title: str = ""  # may contain HTML: see bodies.title_text
    link: str = ""  # the original permalink
    guid: str = ""
    creator: str = ""  # dc:creator, the author's login
    content: str = ""  # content:encoded, as the editor stored it
    excerpt: str = ""  # excerpt:encoded
    # wp:post_date_gmt as an aware UTC datetime; when the export has none
    # ("0000-00-00 00:00:00", as for drafts), wp:post_date *taken as UTC*: the
    # export does not say the blog's time zone, so that guess can be hours off.
    date: datetime.datetime | None = None
    local_date: datetime.datetime | None = None  # wp:post_date, naive: the time the blog showed
    modified: datetime.datetime | None = None  # wp:post_modified(_gmt), by the same rule as date
    slug: str = ""  # wp:post_name; often empty for drafts
    status: str = ""  # "publish", "draft", "pending", "private", "future", "inherit", "trash"
    parent: int = 0  # wp:post_parent: the page above a page, the post an attachment belongs to
    menu_order: int = 0
    password: str = field(default="", repr=False)  # wp:post_password; "" if the post is not protected
    is_sticky: bool = False
    comment_status: str = ""  # "open" or "closed"
    ping_status: str = ""
    attachment_url: str = ""  # wp:attachment_url, for attachments
    terms: list[ItemTerm] = field(default_factory=list)  # every <category> in document order
    # wp:postmeta, key to value. A key WordPress stored more than once keeps its
    # first value, which is what get_post_meta(…, single=true) returns.
    meta: dict[str, str] = field(default_factory=dict, repr=False)
    comments: list[Comment] = field(default_factory=list, repr=False)

    @property
    def categories(self):
        return [term for term in self.terms if term.domain == "category"]

    @property
    def tags(self):
        # WXR 1.0 wrote a post's tags with domain="tag".
        return [term for term in self.terms if term.domain in ("post_tag", "tag")]

    @property
    def is_protected(self):
        return bool(self.password)

    @property
    def is_block_editor(self):
        """Whether the block editor wrote the content (its ``<!-- wp:`` comments are there)."""
        return "<!-- wp:" in self.content


@dataclass(frozen=True)
class MediaFile:
    """What a body's [gallery], [audio] or [video] needs of an attachment.

    Built from attachment items by ``MediaFile.from_item`` (or all at once by
    reader.read_media); bodies.convert_body takes a mapping of id to MediaFile.
    """

    id: int
    url: str
    title: str = ""
    alt: str = ""  # the _wp_attachment_image_alt meta
    caption: str = ""  # the attachment's excerpt: what WordPress shows under it
    parent: int = 0  # the post it was uploaded to
    menu_order: int = 0
    link: str = ""  # its own page on the blog (an attachment page)
    mime_type: str = ""  # from the file name: exports do not carry post_mime_type

    @classmethod
    def from_item(cls, item):
        url = item.attachment_url or item.guid
        return cls(
            id=item.id,
            url=url,
            title=item.title,
            alt=item.meta.get("_wp_attachment_image_alt", ""),
            caption=item.excerpt,
            parent=item.parent,
            menu_order=item.menu_order,
            link=item.link,
            mime_type=guess_type(url),
        )


MEDIA_TYPES = {
    "jpg": "image/jpeg", "jpeg": "image/jpeg", "jpe": "image/jpeg", "png": "image/png", "gif": "image/gif",
    "webp": "image/webp", "avif": "image/avif", "svg": "image/svg+xml", "bmp": "image/bmp",
    "mp3": "audio/mpeg", "m4a": "audio/mp4", "ogg": "audio/ogg", "oga": "audio/ogg", "wav": "audio/wav",
    "flac": "audio/flac", "mp4": "video/mp4", "m4v": "video/mp4", "webm": "video/webm", "ogv": "video/ogg",
    "mov": "video/quicktime", "wmv": "video/x-ms-wmv", "flv": "video/x-flv", "pdf": "application/pdf",
}


def guess_type(url):
    """The media type a URL's extension stands for, or "" (no mimetypes: it reads the system's tables)."""
    name = url.split("?", 1)[0].split("#", 1)[0].rsplit("/", 1)[-1]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return MEDIA_TYPES.get(extension, "")
