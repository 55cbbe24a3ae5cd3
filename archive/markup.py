"""Markdown (or an imported post's HTML) to safe HTML: the one renderer used for pages, feeds and previews.

Bodies are written by importers and editors; whatever they contain, the HTML
that reaches a reader has passed through nh3 (a Rust HTML sanitiser), so a
``<script>``, an ``onerror=`` attribute or a ``javascript:`` link never gets out.

A body nested hundreds of lists or quotes deep (``- - - - … x``) shows nothing a
reader could follow, and older releases of Python-Markdown ran out of stack on
it. ``check`` refuses such a body, and one over the size limit, with a message
an editor can act on, before it is saved (the admin's form and preview).
"""

import html
import re

import markdown
import nh3
from django.conf import settings
from django.template import defaultfilters

from . import srcset

EXTENSIONS = ["admonition", "sane_lists"]
# Lists and quotes nested deeper than this are refused: no real post comes near it.
MAX_NESTING = 20

ALLOWED_TAGS = {
    "a", "abbr", "audio", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "div", "dl",
    "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i",
    "img", "ins", "li", "mark", "ol", "p", "pre", "q", "s", "small", "strong",
    "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "u", "ul", "video",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "audio": {"controls", "src"},
    "div": {"class"},
    "figure": {"class"},
    # srcset: the resized copies of an image, as WordPress lists them (images only: browsers run nothing from it).
    "img": {"src", "srcset", "sizes", "alt", "title", "width", "height"},
    "ol": {"start"},
    "p": {"class"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "video": {"controls", "src", "width", "height"},
}
# What a title may hold of its markup: emphasis and the like, never a link or a block.
TITLE_TAGS = {"abbr", "b", "cite", "code", "del", "em", "i", "ins", "mark", "q", "s", "small", "strong", "sub",
              "sup", "u"}
# A list item's or a quote's marker at the start of what is left of a line.
BLOCK_MARKER = re.compile(r"(?:[-*+]|\d{1,9}[.)])[ \t]+|>[ \t]?")


class MarkupError(ValueError):
    """A body that cannot be stored: what is wrong, in words for the editor."""


def nesting_depth(text):
    """How deeply the most nested line of ``text`` sits in lists and quotes."""
    deepest = 0
    for line in (text or "").splitlines():
        expanded = line.expandtabs(4)
        rest = expanded.lstrip(" ")
        depth = (len(expanded) - len(rest)) // 4
        while match := BLOCK_MARKER.match(rest):
            depth += 1
            rest = rest[match.end():].lstrip(" ")
        deepest = max(deepest, depth)
    return deepest


def check(text):
    """Raise MarkupError if ``text`` is too large or nested too deeply to be a post's body."""
    size = len((text or "").encode())
    if size > settings.MAX_BODY_BYTES:
        raise MarkupError(
            f"The text is {size:,} bytes long; the archive keeps bodies of up to "
            f"{settings.MAX_BODY_BYTES:,} bytes (BRIEFINGS_MAX_BODY_BYTES)."
        )
    depth = nesting_depth(text)
    if depth > MAX_NESTING:
        raise MarkupError(
            f"Lists or quotes are nested {depth} levels deep; at most {MAX_NESTING} levels can be shown."
        )


def render(text, body_format="markdown"):
    """Render ``text`` to sanitised HTML: Markdown, or (``body_format`` "html") HTML as a WordPress post has it."""
    if body_format == "html":
        html_text = text or ""
    else:
        html_text = markdown.markdown(text or "", extensions=EXTENSIONS, output_format="html")
    return nh3.clean(
        html_text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener nofollow",
        attribute_filter=_image_candidates,
    )


def _image_candidates(tag, attribute, value):
    """A srcset's candidates whose address is the web's or the archive's (nh3 checks src, not srcset)."""
    if attribute != "srcset":
        return value
    kept = [
        (address, descriptor) for address, descriptor in srcset.candidates(value)
        if (address.split(":", 1)[0].lower() if ":" in address.split("/", 1)[0] else "") in ("", "http", "https")
    ]
    return srcset.join(kept) or None


def render_title(html_text):
    """A title's markup, sanitised: emphasis and the like only, no link, no block, no attribute."""
    return nh3.clean(html_text or "", tags=TITLE_TAGS, attributes={}).strip()


def text_with_line_breaks(text):
    """Plain text as HTML, escaped, its line breaks kept (``<br>``)."""
    return defaultfilters.linebreaksbr(text, autoescape=True)


def plain_text(html_text):
    """The text a reader sees in rendered HTML, blocks separated by blank lines."""
    text = nh3.clean(re.sub(r"</(p|li|div|h\d|blockquote)>", "\n\n", html_text), tags=set())
    return re.sub(r"\n{3,}", "\n\n", html.unescape(text)).strip()
