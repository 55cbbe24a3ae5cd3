"""What an import writes of a post or page, as a digest; a term's slug; a title's markup."""

import hashlib
import json
from urllib.parse import unquote

from django.utils.text import slugify

from ...models import slug_base
from ..wordpress.bodies import title_text


def digest(values):
    return hashlib.sha256(json.dumps(values, sort_keys=True, default=str).encode()).hexdigest()


def import_outcome(as_it_is, as_imported, as_exported):
    """What a re-import does with a row, from three digests of it: now, as the last import wrote it, and as the
    export makes it: "kept" (an editor changed it since), "unchanged", or "updated" (the caller updates it)."""
    if as_it_is != as_imported:
        return "kept"
    return "unchanged" if as_exported == as_imported else "updated"


def post_content(post, categories, tags):
    """What an import writes of a post: an editor's change to any of it keeps the post from imports."""
    # The author by the name shown, as when posts held the name itself: digests written then still match.
    return digest([
        post.title, post.title_html, post.body, post.excerpt, post.author.name if post.author else "",
        post.published.isoformat() if post.published else None, sorted(categories), sorted(tags),
    ])


def comment_content(author_name, body, status):
    """What an import writes of a comment: an editor's change to any of it, moderating it too, keeps the comment
    from imports."""
    return digest([author_name, body, status])


def page_content(page):
    return digest([page.title, page.title_html, page.body, page.menu_order])


def term_slug(nicename, name, fallback):
    """A category's or tag's slug: WordPress's own, made a plain ASCII slug (the same every import).

    A slug in another script (``%e4%b8%ad%e5%9b%bd``, 中国) keeps its escaped
    bytes as letters and digits: URLs here are ASCII, and the slug must stay
    the same on every import to be recognised.
    """
    return slugify(unquote(nicename)) or slugify(nicename.replace("%", "")) or slug_base(title_text(name), fallback)


def markup_of(title):
    """A title's HTML, when it has any (``A <em>B</em>``); "" for a plain title."""
    return title if "<" in title else ""
