"""What a list of posts shows of a long post: the text before its ``<!--more-->`` marker, or its opening.

Shown whole, a list of long posts is a wall (the captures' home page was
11 400 px tall on a desktop). As WordPress themes do, a list shows a post up to
the marker its author placed (``<!--more-->``, in the Markdown or HTML of the
body; an import from WordPress keeps it) and links to the rest. A post without
one is shown whole up to ``WHOLE_UP_TO`` words (most briefings); a longer one,
by its opening: its first paragraphs up to about ``OPENING_WORDS`` words, cut at
the end of a paragraph, or at the end of a sentence where one long paragraph
would run past ``LONGEST_OPENING`` words (so an opening leaves out at least 40
words: never a click for a line).

The summary is derived when a post is rendered (Post.render, and the listing
import), never per request; whether lists show summaries or whole posts is the
LISTS_SHOW setting, for pages and feeds alike.
"""

import itertools
import re
from html.parser import HTMLParser

from . import markup

# <!--more--> and WordPress's <!--more Text of the link-->.
MORE = re.compile(r"<!--more(?:[ \t][^\n]*?)?-->")
WHOLE_UP_TO = 150
OPENING_WORDS = 60
LONGEST_OPENING = 110
WORD = re.compile(r"\w+")
# The end of a sentence: its mark, a closing quote or bracket perhaps, then a space.
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(?=\s)")
VOID = {"area", "br", "col", "embed", "hr", "img", "input", "source", "track", "wbr"}


def summary_html(body, body_format, body_html, text):
    """The HTML a list shows of a post, or "" where it shows the post whole.

    ``body`` and ``body_format``: the post as written; ``body_html`` and ``text``: as rendered.
    """
    if marker := MORE.search(body or ""):
        teaser = body[: marker.start()].strip()
        return markup.render(teaser, body_format).strip() if teaser else ""
    if not has_more_words(text or "", WHOLE_UP_TO):
        return ""
    cut = opening_end(body_html)
    if cut is None:
        return ""
    # Cut inside a paragraph, the fragment's open elements are closed by the sanitiser.
    return markup.render(body_html[:cut].rstrip(), "html").strip()


def has_more_words(text, number):
    """Whether ``text`` has more than ``number`` words (read no further than the one after them)."""
    return next(itertools.islice(WORD.finditer(text), number, None), None) is not None


def opening_end(html):
    """Where the opening of sanitised ``html`` ends (an offset in it), or None if it is all opening."""
    events = _Events(html).events
    # (The events stop where the rest could no longer change the answer: see _Events.enough.)
    for kind, offset, words in events:
        if kind == "block" and words >= OPENING_WORDS:
            if words <= LONGEST_OPENING:
                return offset
            break
    for _kind, offset, words in events:
        if words >= OPENING_WORDS:
            return offset
    return None


class _Enough(Exception):
    pass


class _Events(HTMLParser):
    """(kind, offset, words before it) of each end of a top-level element ("block") and of each sentence end, up
    to where the opening is decided.

    A post of 700 words has its opening in the first hundred. Reading no further
    than that, and counting words only up to ``WHOLE_UP_TO`` (``has_more_words``),
    the listing import took 0.61 of its time (bench/RESULTS.md).
    """

    def __init__(self, html):
        super().__init__(convert_charrefs=False)  # so that text offsets are the source's
        self.html, self.depth, self.words, self.events = html, 0, 0, []
        self.line_starts = [0] + [match.end() for match in re.finditer("\n", html)]
        try:
            self.feed(html)
            self.close()
        except _Enough:
            pass

    def enough(self):
        """Whether what follows can no longer change ``opening_end``'s answer.

        It can't once a block ends at ``OPENING_WORDS`` words or more (the first
        such block decides), nor once the words run past ``LONGEST_OPENING`` with
        an event already at ``OPENING_WORDS`` or more: any later block would be
        too long, so the opening ends at that first event.
        """
        if not self.events or self.events[-1][2] < OPENING_WORDS:
            return False
        return self.events[-1][0] == "block" or self.words > LONGEST_OPENING

    def position(self):
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        self.depth = max(self.depth - 1, 0)
        if self.depth == 0:
            self.events.append(("block", self.html.index(">", self.position()) + 1, self.words))
            if self.enough():
                raise _Enough

    def handle_data(self, data):
        start, counted = self.position(), 0
        for match in SENTENCE_END.finditer(data + " "):
            self.words += len(WORD.findall(data, counted, match.end()))
            counted = match.end()
            self.events.append(("sentence", start + min(counted, len(data)), self.words))
        self.words += len(WORD.findall(data, counted))
        if self.enough():
            raise _Enough

    def handle_entityref(self, name):
        pass  # &amp; and the like: not words

    def handle_charref(self, name):
        pass
