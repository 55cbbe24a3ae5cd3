"""archive.search.websearch: a reader's query, in PostgreSQL's websearch syntax, as FTS5 expressions.

Pure translation, checked without Django's database; the expressions are then
run against a real FTS5 table (Python's own SQLite), built with the archive's
tokenizer, to show that no input at all makes FTS5 fail.
"""

import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.search.sqlite import CREATE_TABLE, TABLE
from archive.search.websearch import Fts5Query, parse, to_fts5, too_common_words


@pytest.mark.parametrize(
    "query, match, all_but",
    [
        ("China Bolivia", '"China" AND "Bolivia"', ""),
        ("the China of", '"China"', ""),
        ("China -Bolivia", '"China" NOT "Bolivia"', ""),
        ("China - Bolivia", '"China" NOT "Bolivia"', ""),
        ("China -Bolivia -Peru", '"China" NOT ("Bolivia" OR "Peru")', ""),
        ("a b -c -d", '"b" NOT ("c" OR "d")', ""),                         # "a" is a stop word
        ('china -"chip war"', '"china" NOT "chip war"', ""),
        ('"war chip"', '"war chip"', ""),
        ('"war of the worlds"', '"war of the worlds"', ""),
        ('"the war of"', '"war"', ""),
        ('"unclosed phrase', '"unclosed phrase"', ""),
        ('foo"bar baz"', '"foo" AND "bar baz"', ""),
        ("huawei OR alibaba", '"huawei" OR "alibaba"', ""),
        ("huawei oR alibaba", '"huawei" OR "alibaba"', ""),
        ("china chips or huawei", '("china" AND "chips") OR "huawei"', ""),
        ("china or huawei chips", '"china" OR ("huawei" AND "chips")', ""),
        ("war -peace or chips", '("war" NOT "peace") OR "chips"', ""),
        ('"chip war" or"trade war"', '"chip war" OR "trade war"', ""),
        ("china or", '"china"', ""),
        ("or china", '"china"', ""),
        ("china or or huawei", '"china" OR "huawei"', ""),
        ("china orchid", '"china" AND "orchid"', ""),
        ("china or-huawei", '"china" AND "huawei"', ""),                    # "or-huawei": a word, less its stop word
        ("a or b", '"b"', ""),
        ("-china", "", '"china"'),
        ("-china -bolivia", "", '"china" OR "bolivia"'),
        ("-china or -bolivia", "", '"china" AND "bolivia"'),
        ("-china -peru or -bolivia", "", '("china" OR "peru") AND "bolivia"'),
        ("china or -bolivia", '"china"', '"bolivia"'),
        ("--china", '"china"', ""),
        ("huawei-backed firms", '"huawei backed" AND "firms"', ""),
        ("U.S. chips", '"U" AND "chips"', ""),                              # "s" is a stop word
        ("china|-bolivia", '"china" NOT "bolivia"', ""),
        ("title:foo", '"title" AND "foo"', ""),
        ("{title}: foo", '"title" AND "foo"', ""),
        ("NEAR(chip war, 2)", '"NEAR" AND "chip" AND "war" AND "2"', ""),
        ("chip* ^war", '"chip" AND "war"', ""),
        ("china -the", '"china"', ""),
        ("chips -", '"chips"', ""),
        ("中国 chips", '"中国" AND "chips"', ""),
    ],
)
def test_translation(query, match, all_but):
    assert to_fts5(query) == Fts5Query(match=match, all_but=all_but)


@pytest.mark.parametrize("query", ["", "the", "the and of", '"the of"', "-the", "-", "- -", '" "', '""', "OR OR",
                                   "or", "*", "don't", "😀", "!&|()<:"])
def test_queries_without_a_word_to_search_match_nothing(query):
    assert not to_fts5(query)


def test_or_splits_alternatives_and_minus_marks_a_term():
    alternatives = parse('China -"chip war" OR Huawei')
    assert [[(term.words, term.negated) for term in terms] for terms in alternatives] == [
        [(("China",), False), (("chip", "war"), True)],
        [(("Huawei",), False)],
    ]


@pytest.mark.parametrize(
    "query, words",
    [
        ("the", ("the",)),
        ("The and of the", ("The", "and", "of")),
        ('"the of" or -THE', ("the", "of")),
        ("zeppelin", ()),
        ("the zeppelin", ()),
        ("-zeppelin", ()),
        ("-", ()),
        ("", ()),
    ],
)
def test_too_common_words_are_named_only_when_nothing_else_is_searched(query, words):
    assert too_common_words(query) == words


@pytest.fixture(scope="module")
def fts5():
    """An FTS5 table like the archive's (same columns and tokenizer), holding one post."""
    connection = sqlite3.connect(":memory:")
    connection.execute(CREATE_TABLE.replace(", content='archive_post', content_rowid='id'", ""))
    connection.execute(
        f"INSERT INTO {TABLE} VALUES ('The chip war', '', 'Technology', 'China and the chip war: near and far.')"
    )
    yield connection
    connection.close()


def run(fts5, query):
    translated = to_fts5(query)
    for expression in (translated.match, translated.all_but):
        if expression:
            fts5.execute(f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH ?", [expression]).fetchall()
    return translated


def test_the_fixture_table_is_the_archives(fts5):
    assert "content='archive_post'" in CREATE_TABLE  # the replace() above took out what it meant to
    assert fts5.execute(f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH ?", [to_fts5('"chip war"').match]).fetchall()


SYNTAX = ['"', "-", " ", "or", "OR", "AND", "NOT", "NEAR", "(", ")", ":", "*", "^", "+", "{", "}", ",", "title",
          "chip", "war", "the", "'", "\\", "\x00", "中", "é", "_", "|", "&", "!", "<"]


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(SYNTAX), max_size=30).map("".join))
def test_no_mix_of_operators_and_quotes_makes_fts5_fail(fts5, query):
    run(fts5, query)


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_no_text_at_all_makes_fts5_fail(fts5, query):
    run(fts5, query)


def test_the_longest_queries_stay_within_fts5s_limits(fts5):
    for query in ("a b or " * 28, "x or " * 40, "-x " * 66, '"x" ' * 50, "chip " * 40, "-chip or " * 22):
        assert run(fts5, query[:200])
