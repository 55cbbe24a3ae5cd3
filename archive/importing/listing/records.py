"""What a listing is made of, as plain data: its posts, their blocks and sources, and its paragraphs.

The parser (parser.py) reads a listing's text into these; like it, this module
knows nothing about Django.
"""

from __future__ import annotations

import datetime
import functools
import re
import unicodedata
from dataclasses import dataclass, field

from ..problems import FileProblem

class ListingError(FileProblem):
    """A problem in a listing file, located by path and line."""


@dataclass(frozen=True)
class Block:
    """One block of a post's body: a paragraph, a bulleted list or an editor's note."""

    kind: str  # "paragraph", "list" or "note"
    lines: tuple[str, ...]


@dataclass(frozen=True)
class CitedSource:
    outlet: str
    date: datetime.date
    url: str
    line: int


@dataclass
class ListedPost:
    title: str
    line: int
    position: int
    caption: str = ""
    blocks: list[Block] = field(default_factory=list)
    comment_count: int | None = None
    categories: list[str] = field(default_factory=list)
    sources: list[CitedSource] = field(default_factory=list)

    @property
    def is_briefing(self):
        return bool(self.sources)

    @functools.cached_property
    def key(self):
        return post_key(self.title)


@dataclass
class Listing:
    path: str
    kind: str  # "front", "category" or "paged"
    name: str = ""
    page: int | None = None
    posts: list[ListedPost] = field(default_factory=list)

    @property
    def heading(self):
        if self.kind == "category":
            return f"Category Archives: {self.name}"
        if self.kind == "paged":
            return f"{self.name} - {self.page}. page"
        return ""


@dataclass(frozen=True)
class Paragraph:
    line: int  # 1-based number of the paragraph's first line
    lines: tuple[str, ...]

    @property
    def text(self):
        return " ".join(self.lines)


def quoted(text, limit=80):
    """Text for an error message: quoted, and cut short if long."""
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


def clean_name(text):
    """Titles and names: non-breaking spaces are spaces; runs of space are one."""
    return " ".join(text.replace("\u00a0", " ").split())


def post_key(title):
    """A post's identity across listings and re-imports: its title, folded.

    Case, accents, punctuation and spacing do not count, so the copies of a post
    in several category archives (or in captures made years apart) are one post.
    """
    text = unicodedata.normalize("NFKD", clean_name(title)).casefold()
    text = "".join(char for char in text if not unicodedata.combining(char))
    return "-".join(re.findall(r"[^\W_]+", text)) or clean_name(title).casefold()


def decode(data, path):
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise ListingError(path, line, "binary data (a NUL byte): not a text listing")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ListingError(
            path, line, f"not valid UTF-8 (byte 0x{data[error.start]:02x}); save the file as UTF-8"
        ) from None
    return text.removeprefix("\ufeff")


def paragraphs(text):
    """Split text into paragraphs (runs of non-blank lines), keeping line numbers."""
    found, current, start = [], [], 0
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if line:
            if not current:
                start = number
            current.append(raw.rstrip().rstrip("\u00a0").rstrip())
        elif current:
            found.append(Paragraph(start, tuple(current)))
            current = []
    if current:
        found.append(Paragraph(start, tuple(current)))
    return found
