"""WordPress's automatic paragraphs (``wpautop``), for bodies written in the classic editor.

The classic editor stores a post as the author typed it: text with blank lines
between paragraphs, single line breaks inside them, and whatever HTML the
author added. WordPress turns that into HTML when it shows the post, with the
rules of ``wpautop`` (wp-includes/formatting.php). This is a Python
implementation of those rules, step by step in the same order, because the
order matters: each rule undoes a side effect of the one before.

1. ``<pre>`` elements are set aside and put back untouched at the end.
2. Two ``<br>`` in a row are a paragraph break.
3. A blank line goes before every opening block-level tag and after every
   closing one (and after ``<hr>``), so that blocks stand apart.
4. Line breaks inside tags (``<a\\nhref="…">``) are set aside too.
5. Line breaks around ``<option>``, ``<param>``, ``<embed>``, ``<source>``,
   ``<track>`` and ``<figcaption>`` are dropped, so they do not become ``<br>``.
6. The text is cut at blank lines and each piece wrapped in ``<p>``.
7. ``<p>`` that ended up around, before or after a block-level tag are taken
   off (a ``<blockquote>``'s paragraph moves inside it).
8. The line breaks left inside paragraphs become ``<br>``, except inside
   ``<script>``, ``<style>`` and ``<svg>``; a ``<br>`` next to a block tag goes.

Two differences from WordPress, both on purpose: a tag name must match whole
(WordPress's later steps take ``<picture>`` for a ``<p>``), and line breaks are
written ``<br>`` rather than ``<br />``. Pure Python; no Django.
"""

from __future__ import annotations

import re

BLOCKS = (
    "table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|"
    "blockquote|address|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|"
    "nav|figure|figcaption|details|menu|summary"
)
# A block-level tag, opening or closing, its name matched whole.
BLOCK_TAG = rf"</?(?:{BLOCKS})(?=[\s/>])[^>]*>"
# One piece of markup: a comment, a CDATA section or a tag (unclosed ones run to the end).
MARKUP = re.compile(r"<(?:!--.*?(?:-->|\Z)|!\[CDATA\[.*?(?:\]\]>|\Z)|[^>]*>?)", re.DOTALL)
PRE_START = re.compile(r"<pre[\s>]")
TAG_NEWLINE = " <!-- wpnl --> "
KEPT_NEWLINE = "<WPPreserveNewline />"

_rules_before_paragraphs = [
    (re.compile(r"<br\s*/?>\s*<br\s*/?>"), "\n\n"),
    (re.compile(rf"(<(?:{BLOCKS})[\s/>])"), r"\n\n\1"),
    (re.compile(rf"(</(?:{BLOCKS})>)"), r"\1\n\n"),
    (re.compile(r"(<hr\s*?/?>)"), r"\1\n\n"),
]
# Leading white space (WordPress's "\s*"), taken whole from the start of a run
# only: the matches are the same, but a long run of spaces is not scanned again
# from each of its characters, which took time growing with its square.
SPACES = r"(?:(?<!\s)\s*)?"
# (a string that must be in the text for the rules to matter, [(pattern, replacement)])
_collapsed_line_breaks = [
    ("<option", [(re.compile(SPACES + "<option"), "<option"), (re.compile(r"</option>\s*"), "</option>")]),
    ("</object>", [
        (re.compile(r"(<object[^>]*>)\s*"), r"\1"),
        (re.compile(SPACES + "</object>"), "</object>"),
        (re.compile(SPACES + r"(</?(?:param|embed)[^>]*>)\s*"), r"\1"),
    ]),
    ("<source", [
        (re.compile(r"([<\[](?:audio|video)[^>\]]*[>\]])\s*"), r"\1"),
        (re.compile(SPACES + r"([<\[]/(?:audio|video)[>\]])"), r"\1"),
        (re.compile(SPACES + r"(<(?:source|track)[^>]*>)\s*"), r"\1"),
    ]),
    ("<figcaption", [
        (re.compile(SPACES + r"(<figcaption[^>]*>)"), r"\1"),
        (re.compile(r"</figcaption>\s*"), "</figcaption>"),
    ]),
]
_rules_after_paragraphs = [
    (re.compile(r"<p>\s*</p>"), ""),
    (re.compile(r"<p>([^<]+)</(div|address|form)>"), r"<p>\1</p></\2>"),
    (re.compile(rf"<p>\s*({BLOCK_TAG})\s*</p>"), r"\1"),
    (re.compile(r"<p>(<li.+?)</p>"), r"\1"),
    (re.compile(r"<p><blockquote([^>]*)>", re.IGNORECASE), r"<blockquote\1><p>"),
    (re.compile(r"</blockquote></p>"), "</p></blockquote>"),
    (re.compile(rf"<p>\s*({BLOCK_TAG})"), r"\1"),
    (re.compile(rf"({BLOCK_TAG})\s*</p>"), r"\1"),
]
KEEPS_NEWLINES = re.compile(r"<(script|style|svg)[\s>]")
_br_tag = re.compile(r"<br\s*/?>")
# A line break and the white space after it: the pattern starts with a plain
# character, so the engine jumps from one line break to the next instead of
# trying every position of the text (a pattern led by a look-behind did: half
# the time of a whole import).
_line_break_onwards = re.compile(r"\n[ \t\n\f\v]*")  # ASCII white space, as PHP's \s
_br_after_block = re.compile(rf"({BLOCK_TAG})\s*<br />")
_br_before_block = re.compile(r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)(?=[\s/>])[^>]*>)")


def autop(text, br=True):
    """``text`` from the classic editor as HTML paragraphs, by wpautop's rules (see the module)."""
    if not text.strip():
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n") + "\n"
    # The placeholders are block-level tags, so the rules below keep them apart.
    set_aside = {}
    if "<pre" in text:
        parts = split_pre(text)
        for index in range(1, len(parts), 2):
            name = f"<pre wp-pre-tag-{len(set_aside)}></pre>"
            set_aside[name], parts[index] = parts[index], name
        text = "".join(parts)
    for pattern, replacement in _rules_before_paragraphs:
        text = pattern.sub(replacement, text)
    text = replace_in_markup(text, "\n", TAG_NEWLINE)
    for needle, rules in _collapsed_line_breaks:
        if needle in text or (needle == "<source" and "<track" in text):
            for pattern, replacement in rules:
                text = pattern.sub(replacement, text)
    text = re.sub(r"\n\n+", "\n\n", text)
    pieces = [piece for piece in re.split(r"\n\s*\n", text) if piece]
    text = "".join("<p>" + piece.strip("\n") + "</p>\n" for piece in pieces)
    for pattern, replacement in _rules_after_paragraphs:
        text = pattern.sub(replacement, text)
    if br:
        text = keep_newlines(text)
        text = _br_tag.sub("<br />", text)
        text = line_breaks_to_br(text)
        text = text.replace(KEPT_NEWLINE, "\n")
    text = _br_after_block.sub(r"\1", text)
    text = _br_before_block.sub(r"\1", text)
    text = re.sub(r"\n</p>$", "</p>", text)
    text = text.replace("<br />", "<br>")
    for name, original in set_aside.items():
        text = text.replace(name, original)
    text = text.replace(TAG_NEWLINE, "\n").replace(TAG_NEWLINE.strip(), "\n")
    return text.strip()


def line_breaks_to_br(text):
    """WordPress's ``preg_replace('|(?<!<br />)\\s*\\n|', "<br />\\n", …)``, in one pass over ``text``.

    Each run of white space that holds a line break, up to its last line break,
    becomes ``<br />`` and that line break; a run that follows a ``<br />`` keeps
    its first character, as the look-behind makes WordPress start one further.
    """
    pieces, position = [], 0
    for match in _line_break_onwards.finditer(text):
        start = match.start()
        while start > position and text[start - 1] in " \t\f\v":
            start -= 1  # the spaces before the line break belong to the run
        run = text[start : match.end()]
        last = run.rfind("\n") + 1
        if text.endswith("<br />", 0, start):
            if last == 1:
                continue  # a line break right after <br />: WordPress leaves it
            pieces += [text[position:start], run[0], "<br />\n", run[last:]]
        else:
            pieces += [text[position:start], "<br />\n", run[last:]]
        position = match.end()
    pieces.append(text[position:])
    return "".join(pieces)


def replace_in_markup(text, old, new):
    """``text`` with ``old`` replaced by ``new`` inside tags and comments only, not in the text between."""
    return MARKUP.sub(lambda match: match[0].replace(old, new), text) if old in text else text


def split_pre(text):
    """``text`` cut around its ``<pre>`` elements: [outside, pre, outside, …, outside]."""
    parts, position = [], 0
    while start := PRE_START.search(text, position):
        end = text.find("</pre>", start.start())
        if end < 0:
            break  # an unclosed <pre> is left to the rules, as in WordPress
        end += len("</pre>")
        parts += [text[position : start.start()], text[start.start() : end]]
        position = end
    parts.append(text[position:])
    return parts


def keep_newlines(text):
    """``text`` with the line breaks inside ``<script>``, ``<style>`` and ``<svg>`` marked as kept."""
    out, position, unclosed = [], 0, set()
    while match := KEEPS_NEWLINES.search(text, position):
        end = -1 if match[1] in unclosed else text.find(f"</{match[1]}>", match.end())
        if end < 0:
            unclosed.add(match[1])  # none later can close either
            out.append(text[position : match.end()])
            position = match.end()
            continue
        end += len(match[1]) + 3
        out += [text[position : match.start()], text[match.start() : end].replace("\n", KEPT_NEWLINE)]
        position = end
    out.append(text[position:])
    return "".join(out)
