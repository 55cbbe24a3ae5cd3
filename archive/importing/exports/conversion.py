"""What an export's items become without the database: bodies converted and sanitised, comments as text.

This is most of an import's work (WordPress's paragraphs and shortcodes, then
sanitising), and it needs nothing from the database, so worker processes do it
while the importing process writes (archive.importing.workers); conversions
come back in the file's order. The attachments that galleries and media need
are read before the workers start, and each worker is given them once
(``start``).
"""

from typing import NamedTuple

from ... import markup
from ...models import Post
from ..wordpress.bodies import convert_body, title_text
from ..wordpress.records import Item
from .content import markup_of

_media = {}  # the export's attachments, {WordPress id: MediaFile}: set by start()


class Converted(NamedTuple):
    post: Post | None = None  # a post's row, rendered, not saved: without author, slug, categories and tags
    page_body: str = ""  # a page's body
    comment_texts: dict = {}  # WordPress comment id → the text shown, for the comments that may be shown


def start(media):
    """Run in each worker as it starts (and in the importing process when there are none)."""
    global _media
    _media = media


def is_imported(item):
    """Whether readers may see the item: a published post or page without a password."""
    return item.post_type in ("post", "page") and item.status == "publish" and not item.is_protected


def convert(record):
    """``(record, Converted)`` for the items that will be imported, ``(record, None)`` for the rest."""
    if not isinstance(record, Item) or not is_imported(record):
        return record, None
    if record.post_type == "page":
        return record, Converted(page_body=convert_body(record.content, _media, record.id).html.strip())
    comment_texts = {
        comment.id: markup.plain_text(markup.render(comment.content, "html"))
        for comment in record.comments if not comment.is_ping and comment.approved in {"1", "0"}
    }
    return record, Converted(post=post_of(record), comment_texts=comment_texts)


def post_of(item):
    """The post an item makes, rendered (Post.render), with a readable title even where it had none."""
    post = Post(
        title=title_text(item.title), title_html=markup_of(item.title),
        body=convert_body(item.content, _media, item.id).html.strip(), body_format=Post.Format.HTML,
        excerpt=item.excerpt.strip(), published=item.date, original_url=item.link, wordpress_id=item.id,
    )
    post.render()
    if not post.title:
        words = post.body_text.split()
        post.title = " ".join(words[:8]) + "…" if len(words) > 8 else " ".join(words)
        if not post.title:
            post.title = f"Untitled post of {item.date:%B %-d, %Y}" if item.date else "Untitled post"
    post.title = post.title[:300]
    return post
