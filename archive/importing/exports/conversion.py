"""What an export's items become without the database: bodies and comments converted and sanitised.

This is most of an import's work (WordPress's paragraphs and shortcodes, then
sanitising), and it needs nothing from the database, so worker processes do it
while the importing process writes (archive.importing.workers); conversions
come back in the file's order. The attachments that galleries and media need
are read before the workers start, and each worker is given them once
(``start``), with the blog's own addresses, whose links become the archive's
paths (wordpress/links.py), and the copy of its uploads folder, if any, whose
files get the archive's addresses (wordpress/uploads.py).
"""

from typing import NamedTuple

from ...models import Comment, Post
from ..wordpress.bodies import convert_body, title_text
from ..wordpress.comments import comment_html
from ..wordpress.links import SiteLinks
from ..wordpress.records import Item
from ..wordpress.uploads import UploadsFolder
from .content import comment_content, markup_of

_media = {}  # the export's attachments, {WordPress id: MediaFile}: set by start()
_site_links = SiteLinks()  # the blog's own addresses (links to them become the archive's paths): set by start()
_uploads = UploadsFolder(None, _site_links, str)  # the copy of its uploads folder, if one was given: set by start()


class ImportedComment(NamedTuple):
    """What a comment WordPress shows becomes here (archive.importing.exports.comments writes it)."""

    author_name: str
    body: str  # its HTML, links to the blog made the archive's, as a body's
    body_html: str  # the HTML shown (Comment.render)
    status: str  # approved, or pending (awaiting moderation on the blog too)
    digest: str  # what the import writes of it (content.comment_content)


class Converted(NamedTuple):
    post: Post | None = None  # a post's row, rendered, not saved: without author, slug, categories and tags
    page_body: str = ""  # a page's body
    comments: dict = {}  # WordPress comment id → ImportedComment, for those WordPress shows or holds for moderation
    files: dict = {}  # the uploads its HTML now names at the archive's address: name below the folder → file
    missing: frozenset = frozenset()  # the addresses of the blog's uploads it names that the folder lacks


def start(media, site_links, uploads):
    """Run in each worker as it starts (and in the importing process when there are none)."""
    global _media, _site_links, _uploads
    _media, _site_links, _uploads = media, site_links, uploads


def is_imported(item):
    """Whether readers may see the item: a published post or page without a password."""
    return item.post_type in ("post", "page") and item.status == "publish" and not item.is_protected


def convert(record):
    """The Converted of an item that will be imported; None for the rest."""
    if not isinstance(record, Item) or not is_imported(record):
        return None
    files, missing = {}, set()
    if record.post_type == "page":
        return Converted(page_body=html_of(record.content, record.id, files, missing), files=files,
                         missing=frozenset(missing))
    comments = {
        comment.id: comment_of(comment, files, missing)
        for comment in record.comments if not comment.is_ping and comment.approved in {"1", "0"}
    }
    post = post_of(record, files, missing)
    return Converted(post=post, comments=comments, files=files, missing=frozenset(missing))


def html_of(content, item_id, files, missing):
    """WordPress HTML (a body: ``item_id`` for its galleries; or an excerpt) as the archive keeps it: links to the
    blog's pages made the archive's paths, its uploads the archive's copies where the folder holds them."""
    html = convert_body(content, _media, item_id).marked().strip() if item_id is not None else content.strip()
    html, found, lacking = _uploads.rewrite(_site_links.rewrite(html))
    files.update(found)
    missing.update(lacking)
    return html


def comment_of(record, files, missing):
    """The ImportedComment of an approved or pending comment of the export (``record``)."""
    html, found, lacking = _uploads.rewrite(_site_links.rewrite(comment_html(record.content)))
    files.update(found)
    missing.update(lacking)
    comment = Comment(
        author_name=(title_text(record.author) or "Anonymous")[:100], body=html, body_format=Comment.Format.HTML,
        status=Comment.Status.APPROVED if record.approved == "1" else Comment.Status.PENDING,
    )
    comment.render()
    digest = comment_content(comment.author_name, comment.body, comment.status)
    return ImportedComment(comment.author_name, comment.body, comment.body_html, comment.status, digest)


def post_of(item, files, missing):
    """The post an item makes, rendered (Post.render), with a readable title even where it had none."""
    post = Post(
        title=title_text(item.title), title_html=markup_of(item.title),
        body=html_of(item.content, item.id, files, missing), body_format=Post.Format.HTML,
        excerpt=html_of(item.excerpt, None, files, missing), published=item.date, original_url=item.link,
        wordpress_id=item.id,
    )
    post.render()
    if not post.title:
        words = post.body_text.split()
        post.title = " ".join(words[:8]) + "…" if len(words) > 8 else " ".join(words)
        if not post.title:
            post.title = f"Untitled post of {item.date:%B %-d, %Y}" if item.date else "Untitled post"
    post.title = post.title[:300]
    return post
