"""Markdown to safe HTML: the one renderer used for pages, feeds and previews.

Bodies are written by importers and editors; whatever they contain, the HTML
that reaches a reader has passed through nh3 (a Rust HTML sanitiser), so a
``<script>``, an ``onerror=`` attribute or a ``javascript:`` link never gets out.
"""

import html
import re

import markdown
import nh3

EXTENSIONS = ["admonition", "sane_lists"]

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "cite", "code", "dd", "del", "div", "dl",
    "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i",
    "img", "ins", "li", "mark", "ol", "p", "pre", "q", "s", "small", "strong",
    "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "u", "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "div": {"class"},
    "img": {"src", "alt", "title", "width", "height"},
    "ol": {"start"},
    "p": {"class"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}


def render(text):
    """Render Markdown ``text`` to sanitised HTML."""
    html = markdown.markdown(text or "", extensions=EXTENSIONS, output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener nofollow",
    )


def plain_text(html_text):
    """The text a reader sees in rendered HTML, blocks separated by blank lines."""
    text = nh3.clean(re.sub(r"</(p|li|div|h\d|blockquote)>", "\n\n", html_text), tags=set())
    return re.sub(r"\n{3,}", "\n\n", html.unescape(text)).strip()
