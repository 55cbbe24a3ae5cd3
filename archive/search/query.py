"""Run a reader's search: matching posts, best first, each with a highlighted snippet."""

import time
import unicodedata
from contextlib import contextmanager

from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import OperationalError, connection, transaction
from django.db.models import F
from django.db.models.expressions import RawSQL
from django.utils.html import escape

from ..models import Post
from . import sqlite, websearch
from .index import CONFIG

MAX_QUERY_LENGTH = 200
# Ranking every post that contains a very common word would cost time in
# proportion to the archive: the best matches are chosen among the first
# CANDIDATES matches in the archive's order, and the page says so.
CANDIDATES = 1000
# Private-use characters mark the matches in a headline until the text is escaped.
START, STOP = "\ue000", "\ue001"
SNIPPET_WORDS = 35
# A post matching no word of the query (found for lacking the words it leaves out)
# shows its first SNIPPET_MIN_WORDS words, as PostgreSQL's headline does; on SQLite
# they are taken from the first OPENING_CHARACTERS of its text.
SNIPPET_MIN_WORDS = 15
OPENING_CHARACTERS = 1000


def clean_query(raw):
    """The query as searched: control characters gone, white space folded."""
    text = "".join(" " if unicodedata.category(char)[0] == "C" else char for char in raw or "")
    return " ".join(text.split())


def search(query):
    """Posts matching ``query``, best first, each with ``snippet`` (safe HTML) when shown.

    Returns something a Paginator can page through: the candidates found in
    PostgreSQL's index or in SQLite's FTS5 table.
    """
    if connection.vendor == "postgresql":
        return _postgres_search(query)
    return SqliteResults(query)


class SearchTookTooLong(Exception):
    """The search was stopped after settings.SEARCH_TIMEOUT_MS."""


@contextmanager
def time_limited():
    """Stop the statements run inside after SEARCH_TIMEOUT_MS: a search never holds a worker for long.

    PostgreSQL: ``statement_timeout`` for this transaction alone, and plans made
    for each search's own words (``plan_cache_mode``: a prepared statement's
    generic plan made common words' searches 1.4 times as slow). SQLite: a
    progress handler on the connection that interrupts a statement past the
    deadline (Python's sqlite3 API, on the connection Django holds).
    """
    limit = settings.SEARCH_TIMEOUT_MS
    try:
        if connection.vendor == "postgresql":
            # Outside a transaction (a request's search), the limit ends with this one;
            # inside one it would outlast this block, so it is put back.
            nested = connection.in_atomic_block
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT current_setting('statement_timeout'), current_setting('plan_cache_mode'), "
                        "set_config('statement_timeout', %s, true), "
                        "set_config('plan_cache_mode', 'force_custom_plan', true)",
                        [str(limit)],
                    )
                    previous = cursor.fetchone()[:2]
                yield
                if nested:  # a failure inside rolls the settings back with the rest
                    with connection.cursor() as cursor:
                        cursor.execute(
                            "SELECT set_config('statement_timeout', %s, true), set_config('plan_cache_mode', %s, true)",
                            previous,
                        )
            return
        connection.ensure_connection()
        deadline = time.monotonic() + limit / 1000
        connection.connection.set_progress_handler(lambda: time.monotonic() > deadline, 10_000)
        try:
            yield
        finally:
            connection.connection.set_progress_handler(None, 0)
    except OperationalError as error:
        cause = error.__cause__
        if getattr(cause, "sqlstate", None) == "57014" or "interrupted" in str(error):
            raise SearchTookTooLong() from error
        raise


def snippet(post):
    return escape(post.headline).replace(START, "<mark>").replace(STOP, "</mark>")


def _postgres_search(query):
    return PostgresResults(query)


class PostgresResults:
    """Posts matching the query, ranked with the title weighing most (see archive.search.index).

    The candidates are looked up once, so the count costs nothing more and only
    the page shown is ranked against them and given headlines.
    """

    def __init__(self, query):
        self.query = SearchQuery(query, search_type="websearch", config=CONFIG)
        matches = Post.objects.filter(search_vector=self.query).order_by("rank")
        with time_limited():
            self.ids = list(matches.values_list("pk", flat=True)[:CANDIDATES])

    def count(self):
        return len(self.ids)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        if not self.ids:
            return []
        # One array parameter rather than a thousand.
        candidates = RawSQL("SELECT unnest(%s::bigint[])", [self.ids])
        ranked = (
            Post.objects.for_search_results()
            .filter(pk__in=candidates)
            .annotate(
                score=SearchRank(F("search_vector"), self.query),
                headline=SearchHeadline(
                    "body_text",
                    self.query,
                    config=CONFIG,
                    start_sel=START,
                    stop_sel=STOP,
                    max_words=SNIPPET_WORDS,
                    min_words=SNIPPET_MIN_WORDS,
                    short_word=3,
                ),
            )
            .order_by("-score", "rank")
        )
        with time_limited():
            return list(ranked[index])


class SqliteResults:
    """Posts matching the query as PostgreSQL's websearch syntax reads it, ranked by BM25.

    Title matches weigh most, then captions and category and outlet names. The
    query is translated by archive.search.websearch. Posts found only for
    lacking what the query leaves out (``-bolivia`` alone) match no word, as
    on PostgreSQL: they come after the others, in the archive's order, and
    show the opening words of their text, as PostgreSQL's headline does.
    """

    WEIGHTS = "10.0, 4.0, 4.0, 1.0"

    def __init__(self, query):
        self.query = websearch.to_fts5(query)
        self._count = None

    def candidates(self):
        """SQL for the candidates (``id``, ``score``), the first CANDIDATES in the archive's order, and its parameters."""
        table, match, all_but = sqlite.TABLE, self.query.match, self.query.all_but
        parts, params = [], []
        if match:
            parts.append(f"SELECT rowid AS id, bm25({table}, {self.WEIGHTS}) AS score FROM {table} WHERE {table} MATCH %s")
            params.append(match)
        if all_but:
            # Every post not matching ``all_but``, less those the first part found already.
            excluded = [all_but, match] if match else [all_but]
            parts.append(f"SELECT id, 0.0 AS score FROM {sqlite.POSTS} WHERE " + " AND ".join(
                f"id NOT IN (SELECT rowid FROM {table} WHERE {table} MATCH %s)" for _ in excluded
            ))
            params += excluded
        return f"{' UNION ALL '.join(parts)} ORDER BY id LIMIT {CANDIDATES}", params

    def count(self):
        if self._count is None:
            if not self.query:
                self._count = 0
            else:
                sql, params = self.candidates()
                with time_limited(), connection.cursor() as cursor:
                    cursor.execute(f"SELECT count(*) FROM ({sql})", params)
                    self._count = cursor.fetchone()[0]
        return self._count

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop = index.start or 0, index.stop
        if not self.query or stop is None or stop <= start:
            return []
        table = sqlite.TABLE
        sql, params = self.candidates()
        with time_limited(), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT match.id FROM ({sql}) AS match JOIN {sqlite.POSTS} AS post ON post.id = match.id "
                "ORDER BY match.score, post.rank LIMIT %s OFFSET %s",
                [*params, stop - start, start],
            )
            ids = [pk for (pk,) in cursor.fetchall()]
            if not ids:
                return []
            headlines = {}
            if self.query.match:
                cursor.execute(
                    f"SELECT rowid, snippet({table}, 3, %s, %s, '…', %s) FROM {table} "
                    f"WHERE {table} MATCH %s AND rowid IN ({', '.join(['%s'] * len(ids))})",
                    [START, STOP, SNIPPET_WORDS, self.query.match, *ids],
                )
                headlines = dict(cursor.fetchall())
            unmatched = [pk for pk in ids if pk not in headlines]
            if unmatched:
                cursor.execute(
                    f"SELECT id, substr(body_text, 1, %s) FROM {sqlite.POSTS} "
                    f"WHERE id IN ({', '.join(['%s'] * len(unmatched))})",
                    [OPENING_CHARACTERS, *unmatched],
                )
                headlines.update((pk, " ".join(text.split()[:SNIPPET_MIN_WORDS])) for pk, text in cursor.fetchall())
        posts = Post.objects.for_search_results().in_bulk(ids)
        results = []
        for pk in ids:
            post = posts[pk]
            post.headline = headlines[pk]
            results.append(post)
        return results
