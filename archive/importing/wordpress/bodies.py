"""A WordPress post's stored content as the HTML its page showed.

WordPress stores a post as its editor wrote it and turns it into HTML on each
view (the ``the_content`` filters). ``convert_body`` does the part of that a
faithful archive needs, in WordPress's order:

1. Block-editor comments (``<!-- wp:paragraph -->``, ``<!-- /wp:image -->``,
   ``<!-- wp:spacer /-->``) are removed and the markup between them kept.
   Content that has them is already HTML with its own ``<p>``: it does not go
   through autop.
2. ``<!--more-->`` is where the teaser ends: the text before it is returned
   apart (``Body.teaser``), and the marker is removed from the whole body,
   which is what the post's own page shows; ``Body.marked()`` puts it back
   where the teaser ends, for the archive to keep. ``<!--nextpage-->`` (a post in
   several pages) becomes a paragraph break, the archive showing every page.
3. A URL alone on its line (or alone in a paragraph) is an embed in
   WordPress (a YouTube player, a tweet): here a plain link to it.
4. The classic editor's text gets paragraphs by wpautop's rules (autop.py),
   shortcodes being kept out of its way as WordPress keeps them.
5. Shortcodes become HTML (shortcodes.py).

The result is not sanitised: the archive runs every body through its nh3
allow-list (archive/markup.py) afterwards. Pure Python; no Django.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from . import shortcodes
from .autop import autop, replace_in_markup, split_pre

# <!-- wp:name -->, <!-- wp:namespace/name {"json": "attributes"} /-->, <!-- /wp:name -->
BLOCK_COMMENT = re.compile(
    r"<!--\s+/?wp:[a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?\s+(?:\{.*?\}\s+)?/?-->", re.DOTALL
)
MORE = re.compile(r"<!--more(.*)-->")  # on one line, as WordPress finds it
NO_TEASER = "<!--noteaser-->"
NEXT_PAGE = re.compile(r"(?:(?<![ \t])[ \t]*)?<!--nextpage-->[ \t]*\n?")  # (see autop.SPACES)
# What stands for a removed comment a moment, so that a line left with nothing else goes too.
REMOVED = "\x01"
LINE_OF_REMOVED = re.compile(r"^[ \t]*\x01+[ \t]*(?:\n|\Z)", re.MULTILINE)
URL_LINE = re.compile(r"^([ \t]*)(https?://[^\s<>\"]+)([ \t]*)$", re.MULTILINE | re.IGNORECASE)
URL_PARAGRAPH = re.compile(r"(<p(?: [^<>]*)?>\s*)(https?://[^\s<>\"]+)(\s*</p>)", re.IGNORECASE)
LINE_BREAK_IN_TAG = "<!-- wp-line-break -->"
# Stand-ins for shortcodes while autop runs: characters XML 1.0 forbids, so no export has them.
STAND_IN = re.compile("\x02(\\d+)\x03")
PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)


@dataclass(frozen=True)
class Body:
    """A post's content as HTML, and what its ``<!--more-->`` marked."""

    html: str  # the whole post, every marker removed
    teaser: str | None = None  # the HTML of what came before <!--more-->; None without the marker
    more_text: str = ""  # the link text of <!--more Read on…-->, "" for the plain marker
    block_editor: bool = False  # written in the block editor (so not run through autop)
    rest: str | None = None  # what came after <!--more--> where ``html`` does not start with the teaser

    def marked(self):
        """The whole post with ``<!--more-->`` (and its link text) where the teaser ends, as the archive keeps it:
        its lists show the teaser (archive.summaries), its page the whole post."""
        if not self.teaser:
            return self.html
        marker = f"<!--more {self.more_text}-->" if self.more_text else "<!--more-->"
        # A marker inside a paragraph splits it in two here (WordPress's page kept it whole).
        rest = self.html[len(self.teaser):] if self.rest is None else self.rest
        return f"{self.teaser}\n{marker}\n{rest.lstrip()}"


def convert_body(content, media=None, post_id=None):
    """Item.content as a Body; ``media`` ({id: MediaFile}) and ``post_id`` serve [gallery], [audio], [video]."""
    content = (content or "").replace("\r\n", "\n").replace("\r", "\n")
    content = content.replace("\x02", "").replace("\x03", "")
    block_editor = "<!-- wp:" in content
    if block_editor:
        content = strip_block_comments(content)
    teaser = more_text = rest = None
    for start, end in _comments(content):
        if match := MORE.fullmatch(content, start, end):
            teaser, rest, more_text = content[:start], content[end:], match[1].strip()
            break

    def render(text):
        return to_html(remove_markers(text), block_editor, media, post_id)

    html = render(content)
    if teaser is not None:
        teaser = render(teaser)
        # Where the marker stood inside a paragraph, the text after it, as a paragraph of its own.
        rest = None if html.startswith(teaser) else render(rest)
    return Body(html=html, teaser=teaser, more_text=more_text or "", block_editor=block_editor, rest=rest)


def strip_block_comments(text):
    """``text`` without the block editor's comments; a comment alone on its line takes the line."""
    return _remove_comments(text, BLOCK_COMMENT.fullmatch)


def remove_markers(text):
    """``text`` without <!--more-->, <!--noteaser--> and <!--nextpage--> (which becomes a paragraph break)."""
    text = _remove_comments(text, lambda comment: comment == NO_TEASER or MORE.fullmatch(comment))
    # The pattern tries every position of the text (it starts with a look-behind): only where it can match.
    return NEXT_PAGE.sub("\n\n", text) if "<!--nextpage-->" in text else text


def _comments(text):
    """(start, end) of each HTML comment, in one pass (an unclosed one ends the search)."""
    position = 0
    while (start := text.find("<!--", position)) >= 0 and (end := text.find("-->", start + 4)) >= 0:
        yield start, end + 3
        position = end + 3


def _remove_comments(text, chosen):
    """``text`` without the comments ``chosen`` says yes to; a line left with nothing else goes too."""
    text = text.replace(REMOVED, "")
    pieces, position = [], 0
    for start, end in _comments(text):
        if chosen(text[start:end]):
            pieces += [text[position:start], REMOVED]
            position = end
    if not pieces:
        return text
    pieces.append(text[position:])
    return LINE_OF_REMOVED.sub("", "".join(pieces)).replace(REMOVED, "")


def to_html(text, block_editor, media, post_id):
    text = embed_urls(text)
    if block_editor:
        # The blank lines that held block comments and markers go (not inside <pre>).
        text = _outside_pre(text, lambda part: re.sub(r"\n\s*\n(?:\s*\n)+", "\n\n", part))
        return shortcodes.expand(text, media, post_id).strip()
    # WordPress runs autop before shortcodes, then takes a shortcode that stands
    # alone out of its paragraph: here shortcodes wait behind stand-ins meanwhile.
    rendered = []

    def stand_in(html_text, is_block):
        if not html_text:
            return ""  # gone before autop, which then tidies the line it leaves
        rendered.append((html_text, is_block))
        return f"\x02{len(rendered) - 1}\x03"

    text = autop(shortcodes.expand(text, media, post_id, on_shortcode=stand_in))
    if any(is_block for _, is_block in rendered):
        text = PARAGRAPH.sub(lambda match: _blocks_out_of_paragraph(match, rendered), text)
    return STAND_IN.sub(lambda match: rendered[int(match[1])][0], text).strip()


def _blocks_out_of_paragraph(match, rendered):
    """A paragraph holding a block (a figure) as paragraphs around the block: <p> can't hold a <figure>."""
    pieces = STAND_IN.split(match[1])
    if not any(rendered[int(number)][1] for number in pieces[1::2]):
        return match[0]
    out, text = [], pieces[0]
    for number, following in zip(pieces[1::2], pieces[2::2]):
        if rendered[int(number)][1]:
            out.append(_paragraph(text))
            out.append(rendered[int(number)][0])
            text = following
        else:
            text += f"\x02{number}\x03{following}"
    out.append(_paragraph(text))
    return "\n".join(part for part in out if part)


def _paragraph(text):
    """``text`` as a paragraph, without the white space and <br> at its ends; "" if nothing is left."""
    while (trimmed := text.strip().removeprefix("<br>").removesuffix("<br>")) != text:
        text = trimmed
    return f"<p>{text}</p>" if text else ""


def embed_urls(text):
    """URLs alone on their line or in their paragraph as links (WordPress's autoembed, without providers).

    Not inside ``<pre>``, where WordPress would embed too: code is left as typed.
    """
    if "http" not in text.lower():
        return text
    # Line breaks inside tags don't make lines (as in WordPress).
    text = replace_in_markup(text, "\n", LINE_BREAK_IN_TAG)
    text = _outside_pre(text, lambda part: URL_PARAGRAPH.sub(_linked, URL_LINE.sub(_linked, part)))
    return text.replace(LINE_BREAK_IN_TAG, "\n")


def _linked(match):
    return f"{match[1]}{shortcodes.link(match[2]) or match[2]}{match[3]}"


def _outside_pre(text, change):
    """``change`` applied to the parts of ``text`` outside ``<pre>`` elements (code is shown as typed)."""
    return "".join(part if index % 2 else change(part) for index, part in enumerate(split_pre(text)))


def title_text(title):
    """A title that may hold HTML (``A <em>B</em> &amp; C``) as plain text (``A B & C``)."""
    if "<" not in title and "&" not in title:
        return " ".join(title.split())
    parser = _TextOnly()
    parser.feed(title)
    parser.close()
    return " ".join("".join(parser.parts).split())


class _TextOnly(HTMLParser):
    """Collects the text of HTML, entities decoded, without what script and style elements hold."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in ("script", "style")

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.hidden:
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)
