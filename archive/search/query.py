"""Run a reader's search: matching posts, best first, each with a highlighted snippet."""

import re
import unicodedata

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.utils.html import escape

from ..models import Post
from .index import CONFIG, STOP_WORDS, _stemmer, words

MAX_QUERY_LENGTH = 200
# Private-use characters mark the matches in a headline until the text is escaped.
START, STOP = "\ue000", "\ue001"
SNIPPET_WORDS = 35
WORD_SPLIT = re.compile(r"([^\W_]+)")


def clean_query(raw):
    """The query as searched: control characters gone, white space folded."""
    text = "".join(" " if unicodedata.category(char)[0] == "C" else char for char in raw or "")
    return " ".join(text.split())


def search(query):
    """Posts matching ``query``, best first, annotated with ``snippet`` (safe HTML)."""
    if connection.vendor == "postgresql":
        return _postgres_search(query)
    return _stem_search(query)


def _postgres_search(query):
    search_query = SearchQuery(query, search_type="websearch", config=CONFIG)
    return (
        Post.objects.for_listing()
        .filter(search_vector=search_query)
        .annotate(
            score=SearchRank(F("search_vector"), search_query),
            headline=SearchHeadline(
                "body_text",
                search_query,
                config=CONFIG,
                start_sel=START,
                stop_sel=STOP,
                max_words=SNIPPET_WORDS,
                min_words=15,
                short_word=3,
            ),
        )
        .order_by("-score", "rank")
    )


def _query_stems(query):
    return sorted({_stemmer.stemWord(word) for word in words(query) if word not in STOP_WORDS})


def _stem_search(query):
    """SQLite: every stem of the query must be among the post's stems."""
    stems = _query_stems(query)
    if not stems:
        return Post.objects.none()
    matches = Q()
    for stem in stems:
        matches &= Q(search_stems__contains=f" {stem} ")
    in_title = sum(
        (Case(When(title__icontains=stem, then=Value(4)), default=Value(0), output_field=IntegerField())
         for stem in stems),
        Value(0),
    )
    return (
        Post.objects.for_listing()
        .filter(matches)
        .annotate(score=in_title)
        .order_by("-score", "rank")
    )


def snippet(post, query):
    """A highlighted excerpt of the post's text as safe HTML."""
    headline = getattr(post, "headline", None)
    if headline is None:
        headline = _stem_headline(post.body_text, query)
    return escape(headline).replace(START, "<mark>").replace(STOP, "</mark>")


def _stem_headline(text, query):
    """SQLite: the query's words marked in a window of the text around the first match."""
    stems = set(_query_stems(query))
    parts = WORD_SPLIT.split(" ".join(text.split()))  # words at odd positions
    hits = [i for i in range(1, len(parts), 2) if _stemmer.stemWord(parts[i].casefold()) in stems]
    first = max(1, (hits[0] if hits else 1) - 20)
    last = min(len(parts), first + 4 * SNIPPET_WORDS)
    marked = "".join(
        f"{START}{part}{STOP}" if i in hits else part for i, part in enumerate(parts[first:last], start=first)
    )
    return ("… " if first > 1 else "") + marked.strip() + (" …" if last < len(parts) else "")
