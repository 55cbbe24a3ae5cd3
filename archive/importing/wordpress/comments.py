"""A comment's stored content as the HTML its post's page showed.

WordPress keeps a comment as its author typed it, a little HTML allowed, and
shows it through the ``comment_text`` filters. The ones a faithful archive
needs, in WordPress's order: ``make_clickable`` (a web address in the text
becomes a link, except inside a link or code already) and ``wpautop``
(paragraphs and line breaks, autop.py). Shortcodes are not run in comments,
as WordPress runs none there.

The result is not sanitised: the archive runs it through its nh3 allow-list
(archive/markup.py) as it does bodies. Pure Python; no Django.
"""

import re

from .autop import autop
from .shortcodes import attribute, safe_url

TAG = re.compile(r"(<[^>]*>)")
# Where a web address may not be made a link: inside one already, and in code, shown as typed.
KEPT_AS_TYPED = re.compile(r"<(/?)(a|pre|code)(?=[\s/>])", re.IGNORECASE)
# An address starts a word: "http://…", "https://…" or "www.…" (make_clickable's forms of a web address).
ADDRESS = re.compile(r"(?<![\w/.@=&-])(?:https?://|www\.)[^\s<>\"]+", re.IGNORECASE)
TRAILING = ".,;:!?'\""  # ends the sentence rather than the address


def comment_html(content):
    """A comment's content as HTML: its addresses links, its paragraphs and line breaks as WordPress made them."""
    text = clickable(content)
    if "\n" not in text and "\r" not in text and "<" not in text and text.strip():
        return f"<p>{text}</p>"  # one line, no markup: autop's answer, without its work
    return autop(text)


def clickable(text):
    """``text`` with each web address in its text made a link (WordPress's make_clickable)."""
    if "http" not in text.lower() and "www." not in text.lower():
        return text
    parts = TAG.split(text)
    depth = 0  # how many <a>, <pre> and <code> the text is inside
    for index, part in enumerate(parts):
        if index % 2:
            if match := KEPT_AS_TYPED.match(part):
                depth = max(depth - 1, 0) if match[1] else depth + 1
        elif depth == 0 and part:
            parts[index] = ADDRESS.sub(_linked, part)
    return "".join(parts)


def _linked(match):
    address, after = match[0], ""
    # A sentence's full stop, or the parenthesis around the address, is not part of it.
    while address and (address[-1] in TRAILING or (address[-1] == ")" and address.count("(") < address.count(")"))):
        address, after = address[:-1], address[-1] + after
    # "www.…" is linked to with the scheme WordPress adds, and shown as it was typed.
    url = safe_url(address if "://" in address else "http://" + address)
    return f'<a href="{attribute(url)}">{address}</a>{after}' if url else match[0]
