"""The reader's search syntax means the same on SQLite and PostgreSQL: phrases, -word, OR, stop words.

PostgreSQL reads the query with websearch_to_tsquery; SQLite with
archive.search.websearch's translation into FTS5. Every test here runs on
whichever database the suite runs on (DATABASE_URL), with the same posts and the
same expected results.
"""

import pytest

from archive.models import Post

from .helpers import page_text

POSTS = {
    "lithium": ("Lithium from Bolivia", "China signs a lithium deal with Bolivia."),
    "chips": ("Chips for China", "China buys chips from abroad."),
    "chip war": ("The chip war goes on", "The chip war between the United States and China goes on."),
    "tin": ("Tin mines reopen", "Bolivia reopens its tin mines."),
    "huawei": ("Huawei phones", "Huawei sells phones in Europe."),
    "alibaba": ("Alibaba shares", "Alibaba shares rose in Hong Kong."),
    "radio": ("A radio play", "The war of the worlds, on the radio again."),
}


@pytest.fixture
def posts(db):
    """The posts above, by key; nothing else in the archive."""
    return {key: Post.objects.create(title=title, body=body) for key, (title, body) in POSTS.items()}


def found(client, query):
    """The keys of the posts the search page lists for ``query`` (all on one page: fewer than 8)."""
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    titles = {post.title for post in response.context["posts"]}
    return {key for key, (title, _) in POSTS.items() if title in titles}


@pytest.mark.parametrize(
    "query, keys",
    [
        ("china", {"lithium", "chips", "chip war"}),
        ("China Bolivia", {"lithium"}),                          # every word
        ("China -Bolivia", {"chips", "chip war"}),               # -word leaves posts out
        ("China - Bolivia", {"chips", "chip war"}),              # so does "- word"
        ('china -"chip war"', {"lithium", "chips"}),             # and -"a phrase"
        ("huawei OR alibaba", {"huawei", "alibaba"}),            # either word
        ("huawei or alibaba", {"huawei", "alibaba"}),            # "or" in any case
        ("huawei alibaba", set()),                               # without it, both words
        ("phones huawei or alibaba", {"huawei", "alibaba"}),     # AND binds closer than OR
        ("bolivia tin or huawei", {"tin", "huawei"}),
        ("china or", {"lithium", "chips", "chip war"}),          # "or" at the end is a word, a stop word
        ("or china", {"lithium", "chips", "chip war"}),          # as at the start
        ("china or or huawei", {"lithium", "chips", "chip war", "huawei"}),
        ('"chip war"', {"chip war"}),                            # a phrase: next to each other
        ('"war chip"', set()),                                   # ... and in order
        ("war chip", {"chip war"}),                              # unquoted, in any order
        ('"war of the worlds"', {"radio"}),                      # stop words inside a phrase
        ('"the lithium"', {"lithium"}),                          # stop words at its ends are dropped
        ('"chip war', {"chip war"}),                             # an unclosed quote runs to the end
        ("--china", {"lithium", "chips", "chip war"}),           # a double minus cancels out
        ("china -the", {"lithium", "chips", "chip war"}),        # leaving out a stop word leaves out nothing
    ],
)
def test_syntax_means_the_same_on_every_database(client, posts, query, keys):
    assert found(client, query) == keys


def test_only_left_out_words_find_every_post_without_them(client, posts):
    """PostgreSQL's websearch reads ``-bolivia`` as "not bolivia", which every other post matches."""
    assert found(client, "-bolivia") == set(POSTS) - {"lithium", "tin"}
    assert found(client, "-bolivia -huawei") == set(POSTS) - {"lithium", "tin", "huawei"}
    assert found(client, "-bolivia or -china") == set(POSTS) - {"lithium"}   # lacking either
    assert found(client, "china or -bolivia") == set(POSTS) - {"tin"}


def test_posts_without_a_matching_word_come_last_with_their_opening_words(client, posts):
    response = client.get("/search/", {"q": "huawei or -bolivia"})
    results = response.context["posts"]
    assert results[0].title == "Huawei phones"
    assert "<mark>Huawei</mark>" in results[0].snippet
    radio = next(post for post in results if post.title == "A radio play")
    assert radio.snippet == "The war of the worlds, on the radio again."
    assert "<mark>" not in radio.snippet


@pytest.mark.parametrize(
    "query, same_as",
    [
        ("china:chips", "china chips"),      # no column filter
        ("{china}: chips", "china chips"),
        ("chips*", "chips"),                 # no prefix search
        ("^chips", "chips"),
        ("(chip war)", "chip war"),
        ("chip AND war", "chip war"),        # "and" is a stop word, not an operator
        ("NOT huawei", "huawei"),            # and so is "not"
        ("china|-bolivia", "china -bolivia"),
        ('"china" "', "china"),
        ("china (bolivia)", "china bolivia"),
    ],
)
def test_fts5_syntax_in_a_query_is_read_as_words(client, posts, query, same_as):
    expected = found(client, same_as)
    assert expected
    assert found(client, query) == expected


@pytest.mark.parametrize(
    "query",
    ['"', '""', '" "', '"""', "-", "- -", "-\"", "OR", "OR OR", "or or or", "china OR OR", "*", "^", ":",
     "NEAR(", "NEAR(a b, 2)", "title:", "(((", ")", "AND", "NOT", "a NOT", "+-*/", "'", "\\", '"\\"',
     "chips -", "or -", "-or", "😀 OR 中国", "don't", "title:foo", "NEAR(chip war, 2)", "chip + war",
     '-"' * 100, "or " * 66, "a b or " * 28, "-x " * 66, '"x" ' * 50],
)
def test_malformed_queries_never_fail(client, posts, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200


def test_a_search_for_stop_words_alone_says_why_nothing_matched(client, posts):
    text = page_text(client.get("/search/", {"q": "the"}))
    assert "“the” is too common a word to search for: add a more specific word." in text
    assert "No posts match" not in text
    text = page_text(client.get("/search/", {"q": "The and of"}))
    assert "“The”, “and” and “of” are too common words to search for: add a more specific word." in text
    text = page_text(client.get("/search/", {"q": '"the of"'}))
    assert "“the” and “of” are too common words to search for" in text


def test_words_found_nowhere_say_so_as_before(client, posts):
    for query in ("zeppelin", "the zeppelin", "-"):
        text = page_text(client.get("/search/", {"q": query}))
        assert f"No posts match “{query}”. Try fewer or other words." in text
        assert "too common" not in text


def test_the_search_form_explains_the_syntax(client, db):
    html = client.get("/search/").content.decode()
    assert 'aria-describedby="search-syntax"' in html
    assert "Use \"quotes\" for a phrase, -word to leave a word out, OR for either word." in page_text(html)
