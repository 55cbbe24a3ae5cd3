"""Read the text capture of one archived listing page.

A listing is what a blog shows on one page of an index: the front page, a
page of a named listing ("Briefings - 46. page") or a category archive
("Category Archives: Technology"). The README describes the format; this
module turns it into plain data and knows nothing about Django, so that it can
be tested, reused and reasoned about on its own.

Every problem is reported as a :class:`ListingError` naming the file and the
line, and a file is parsed whole before anything else sees it.
"""

from __future__ import annotations

import calendar
import datetime
import re
from pathlib import Path

from .records import (  # noqa: F401  (the parser's results and errors, importable from here)
    Block, CitedSource, ListedPost, Listing, ListingError, Paragraph, clean_name, decode, paragraphs, post_key,
    quoted,
)

SKIP_LINK = "Skip to content"
CATEGORY_HEADING = re.compile(r"^Category Archives:\s*(?P<name>\S.*)$")
PAGED_HEADING = re.compile(r"^(?P<name>\S.*?)\s+-\s+(?P<page>\d+)\.\s*page$")
COMMENT_LINE = re.compile(r"^(?:(?P<none>Leave a comment)|(?P<count>\d+) Comments?)$")
FILED_UNDER = re.compile(r"^Filed under\s+(?P<names>\S.*)$")
SINGLE_SOURCE = re.compile(r"^Source:\s*(?P<citation>.*)$")
SOURCES_HEADER = "Sources:"
NUMBERED_SOURCE = re.compile(r"^(?P<number>\d+)\.\s+(?P<citation>.*)$")
CITATION = re.compile(
    r"^(?P<outlet>.*),\s*(?P<month>[A-Za-z]+)\.?\s+(?P<day>\d{1,2}),\s*(?P<year>\d{4})$"
)
URL = re.compile(r"^https?://\S+$")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
BULLET = re.compile(r"^\s*[•·▪●]\s*")
# A caption does not end like a sentence; these characters end sentences.
SENTENCE_ENDINGS = (".", "!", "?", ":", ";", ")", "…", "’", "”", '"', "'", "»")

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update(
    {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
)
MONTHS["sept"] = 9


def read_listing(path):
    """Parse the listing file at ``path``; raise ListingError if it is not valid."""
    data = Path(path).read_bytes()
    return parse_listing(decode(data, path), path)


def parse_listing(text, path="<listing>"):
    text = text.replace("\t", " ")
    if match := CONTROL.search(text):
        line = text.count("\n", 0, match.start()) + 1
        raise ListingError(path, line, f"control character U+{ord(match[0]):04X} in the text: not a text listing")
    items = paragraphs(text)
    if not items:
        raise ListingError(path, 1, "empty listing: no heading and no posts")
    if items[0].lines[0].strip() == SKIP_LINK:
        rest = items[0].lines[1:]
        items[0:1] = [Paragraph(items[0].line + 1, rest)] if rest else []
    listing = Listing(path=str(path), kind="front")
    if items and (heading := _heading(items[0])):
        listing.kind, listing.name, listing.page = heading
        items = items[1:]
        if items and _heading(items[0]):
            raise ListingError(path, items[0].line, "a second heading: a listing has one heading")
    if not items:
        raise ListingError(path, 1, "no posts in the listing")
    _PostReader(listing, items).read_all()
    return listing


def _heading(paragraph):
    if len(paragraph.lines) != 1:
        return None
    line = clean_name(paragraph.lines[0])
    if match := CATEGORY_HEADING.match(line):
        return "category", clean_name(match["name"]), None
    if match := PAGED_HEADING.match(line):
        page = int(match["page"])
        return ("paged", clean_name(match["name"]), page) if page > 0 else None
    return None


class _PostReader:
    """Walks the paragraphs after the heading, one post at a time."""

    def __init__(self, listing, items):
        self.listing = listing
        self.items = items
        self.index = 0

    def error(self, line, message):
        return ListingError(self.listing.path, line, message)

    def read_all(self):
        while self.index < len(self.items):
            self.listing.posts.append(self.read_post(len(self.listing.posts) + 1))

    def read_post(self, position):
        head = self.items[self.index]
        title = clean_name(head.lines[0])
        post = ListedPost(title=title, line=head.line, position=position)
        body = [Paragraph(head.line + 1, head.lines[1:])] if len(head.lines) > 1 else []
        self.index += 1
        while self.index < len(self.items):
            item = self.items[self.index]
            self.index += 1
            first = item.lines[0].strip()
            if COMMENT_LINE.match(first):
                self.read_comment_line(post, item)
                break
            if SINGLE_SOURCE.match(first) or first == SOURCES_HEADER:
                self.read_sources(post, item)
                break
            body.append(item)
        else:
            raise self.error(
                head.line,
                f"post {quoted(title)} is cut off: no comment line (“Leave a comment”, "
                "“N Comments”) or “Source:” before the end of the file",
            )
        self.read_body(post, body)
        if self.listing.kind in ("category", "paged") and self.listing.name not in post.categories:
            post.categories.append(self.listing.name)
        return post

    def read_comment_line(self, post, item):
        match = COMMENT_LINE.match(item.lines[0].strip())
        post.comment_count = 0 if match["none"] else int(match["count"])
        if len(item.lines) > 1:
            filed, line = item.lines[1], item.line + 1
        elif self.index < len(self.items):
            filed, line = self.items[self.index].text, self.items[self.index].line
            self.index += 1
        else:
            filed, line = "", item.line
        match = FILED_UNDER.match(clean_name(filed))
        if not match:
            raise self.error(
                item.line,
                f"comment line {quoted(item.lines[0].strip())} of post {quoted(post.title)} "
                "is not followed by its “Filed under …” line",
            )
        names = [clean_name(name) for name in match["names"].split(",")]
        if any(not name for name in names):
            raise self.error(line, "an empty category name in “Filed under”")
        post.categories = list(dict.fromkeys(names))

    def read_sources(self, post, item):
        lines = list(enumerate(item.lines, start=item.line))
        if lines[0][1].strip() == SOURCES_HEADER:
            pairs = lines[1:]
            # Numbered pairs may be separated by blank lines.
            while self.index < len(self.items) and NUMBERED_SOURCE.match(
                self.items[self.index].lines[0]
            ):
                following = self.items[self.index]
                pairs.extend(enumerate(following.lines, start=following.line))
                self.index += 1
            if not pairs:
                raise self.error(item.line, "“Sources:” is followed by no sources")
            at = 0
            while at < len(pairs):
                line, citation = pairs[at]
                number = len(post.sources) + 1
                match = NUMBERED_SOURCE.match(citation.strip())
                if not match or int(match["number"]) != number:
                    raise self.error(
                        line, f"expected source number {number}: “{number}. OUTLET, Month D, YYYY”"
                    )
                following = pairs[at + 1][1].strip() if at + 1 < len(pairs) else ""
                url = None if not following or NUMBERED_SOURCE.match(following) else following
                post.sources.append(self.cited_source(match["citation"], url, line))
                at += 2
        else:
            if len(lines) > 2:
                raise self.error(lines[2][0], "unexpected text after the source's URL")
            url = lines[1][1] if len(lines) > 1 else None
            citation = SINGLE_SOURCE.match(lines[0][1].strip())["citation"]
            post.sources.append(self.cited_source(citation, url, item.line))

    def cited_source(self, citation, url, line):
        match = CITATION.match(clean_name(citation))
        if not match or match["month"].lower() not in MONTHS:
            raise self.error(line, f"source without a date: expected “OUTLET, Month D, YYYY”, found {quoted(citation.strip())}")
        outlet = match["outlet"].strip().rstrip(",").strip()
        if not outlet:
            raise self.error(line, "source without an outlet name before its date")
        try:
            date = datetime.date(int(match["year"]), MONTHS[match["month"].lower()], int(match["day"]))
        except ValueError:
            raise self.error(line, f"impossible date “{match['month']} {match['day']}, {match['year']}”") from None
        if url is None:
            raise self.error(line, f"source {quoted(outlet)} has no URL on the next line")
        url = url.strip()
        if not URL.match(url):
            raise self.error(line + 1, f"not a URL: {quoted(url)} (expected http:// or https://)")
        return CitedSource(outlet=outlet, date=date, url=url, line=line)

    def read_body(self, post, body):
        if not body:
            raise self.error(post.line, f"post {quoted(post.title)} has no text")
        first = body[0]
        if len(body) > 1 and is_caption(first):
            post.caption = clean_name(first.lines[0])
            body = body[1:]
        for item in body:
            post.blocks.extend(body_blocks(item))
        # Adjacent lists are one list.
        merged = []
        for block in post.blocks:
            if merged and block.kind == merged[-1].kind == "list":
                merged[-1] = Block("list", merged[-1].lines + block.lines)
            else:
                merged.append(block)
        post.blocks = merged


def is_caption(paragraph):
    text = paragraph.lines[0].strip()
    return (
        len(paragraph.lines) == 1
        and not text.endswith(SENTENCE_ENDINGS)
        and not BULLET.match(paragraph.lines[0])
        and not (text.startswith("{") and text.endswith("}"))
    )


def body_blocks(paragraph):
    """A paragraph's lines as blocks: bullet runs become lists, braces a note."""
    text = paragraph.text.strip()
    if text.startswith("{") and text.endswith("}"):
        return [Block("note", tuple(line.strip() for line in paragraph.lines))]
    blocks, run, run_is_list = [], [], None
    for raw in paragraph.lines:
        is_item = bool(BULLET.match(raw))
        line = BULLET.sub("", raw, count=1).strip() if is_item else raw.strip()
        if run and is_item != run_is_list:
            blocks.append(Block("list" if run_is_list else "paragraph", tuple(run)))
            run = []
        run_is_list = is_item
        run.append(line)
    blocks.append(Block("list" if run_is_list else "paragraph", tuple(run)))
    return blocks
