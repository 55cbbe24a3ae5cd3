"""A reader's search, read as PostgreSQL's ``websearch_to_tsquery`` reads it, written for SQLite's FTS5.

On PostgreSQL the reader's words go to ``websearch_to_tsquery``; on SQLite,
``to_fts5`` turns them into FTS5 MATCH expressions that mean the same:

- words are all required (AND); the stop words PostgreSQL's "english"
  configuration drops (archive.search.index.STOP_WORDS) are dropped;
- ``"a phrase"`` finds its words next to each other, in order. An unclosed
  quote runs to the end of the query. Stop words at either end of a phrase are
  dropped, as PostgreSQL drops them; those inside are kept. PostgreSQL keeps
  only their places (``"war of the worlds"`` also finds "war in a world"),
  which FTS5 cannot say: SQLite finds the phrase as written;
- words joined by punctuation (``huawei-backed``, ``U.S.``) are a phrase too,
  as PostgreSQL reads a hyphenated word; the characters PostgreSQL takes for
  its own operators (``! & | ( ) < :``) separate words instead;
- ``-word`` or ``-"a phrase"`` leaves out the posts holding it;
- ``or`` (any case) between two terms finds either: ``a b or c`` is
  ``(a AND b) OR c``, as on PostgreSQL. ``or`` with nothing after it, or where
  a term is expected, is a word like any other (a stop word).

A term left with no words (a stop word, punctuation, a lone ``-``) is dropped,
with the ``-`` before it, and an alternative left with no terms is dropped too.

PostgreSQL's ``-china`` on its own finds every post without "china"; FTS5 has
no NOT without something on its left. So the translation comes in two parts:
``match``, an expression for the posts the query finds by their words, and
``all_but``, an expression for the posts whose absence from them is itself a
match (the alternatives made only of left-out terms). The query finds the posts
matching ``match``, and, when ``all_but`` is set, every post not matching it.

Every word reaches FTS5 inside a double-quoted string, and a word is a run of
letters and digits only: no reader's input can become an FTS5 operator, a
column filter, a prefix or a syntax error.
"""

import re
from dataclasses import dataclass

from .index import STOP_WORDS

WORD = re.compile(r"[^\W_]+")
# Characters that end a word where PostgreSQL's websearch parser reads the query
# (its tsquery operators and the weight separator), and are skipped between terms.
SEPARATORS = "!&|()<:"
TOKEN = re.compile(r'[^\s"!&|()<:]+')
# "or" is PostgreSQL's OR where a term is done: followed by a character that cannot go on a
# word, then, past that character, by something more than white space.
OR_OPERATOR = re.compile(r"or[^\w-]\s*\S", re.IGNORECASE)


@dataclass(frozen=True)
class Term:
    """Words to find next to each other, in order; ``negated``: posts holding them are left out."""

    words: tuple
    negated: bool = False


@dataclass(frozen=True)
class Fts5Query:
    """The posts matching ``match``, and when ``all_but`` is set, every post not matching it.

    Both are FTS5 MATCH expressions, or empty. An empty query (``not query``) matches nothing.
    """

    match: str = ""
    all_but: str = ""

    def __bool__(self):
        return bool(self.match or self.all_but)


def parse(query):
    """The query's alternatives (OR), each a list of terms all required (AND), stop words still in.

    Follows the states of PostgreSQL's websearch parser: after a term, ``or``
    is an operator if a term follows it, and anything else starts the next
    term of the same alternative.
    """
    alternatives = [[]]
    negated = False
    after_term = False
    position, end = 0, len(query)
    while position < end:
        char = query[position]
        if char.isspace():
            position += 1
            continue
        if after_term:
            after_term = False
            if OR_OPERATOR.match(query, position):
                alternatives.append([])
                position += 2
                continue
        if char == "-":
            negated = not negated  # "--word" is the word, as PostgreSQL's double NOT
            position += 1
        elif char in SEPARATORS:
            position += 1
        else:
            if char == '"':
                close = query.find('"', position + 1)
                close = end if close < 0 else close
                text, position = query[position + 1 : close], close + 1
            else:
                token = TOKEN.match(query, position)
                text, position = token.group(), token.end()
            alternatives[-1].append(Term(tuple(WORD.findall(text)), negated))
            negated = False
            after_term = True
    return alternatives


def searched_words(words):
    """The words of a term as searched: without the stop words at either end."""
    start, stop = 0, len(words)
    while start < stop and words[start].casefold() in STOP_WORDS:
        start += 1
    while stop > start and words[stop - 1].casefold() in STOP_WORDS:
        stop -= 1
    return words[start:stop]


def to_fts5(query):
    """The reader's query as FTS5 expressions (see the module's docstring), meaning what PostgreSQL's websearch means."""
    found, all_but = [], []
    for terms in parse(query):
        kept = [(words, term.negated) for term in terms if (words := searched_words(term.words))]
        required = [_string(words) for words, negated in kept if not negated]
        left_out = [_string(words) for words, negated in kept if negated]
        if required:
            found.append((required, left_out))
        elif left_out:
            all_but.append(left_out)
    alternatives = []
    for required, left_out in found:
        expression = _join(required, "AND", alone=not left_out)
        if left_out:
            expression = f"{expression} NOT {_join(left_out, 'OR')}"
        alternatives.append(expression if len(found) == 1 or len(required) + len(left_out) == 1 else f"({expression})")
    return Fts5Query(
        match=" OR ".join(alternatives),
        all_but=" AND ".join(_join(left_out, "OR", alone=len(all_but) == 1) for left_out in all_but),
    )


def too_common_words(query):
    """The stop words of a query that searches for nothing else, as typed, each once; else ().

    Said to the reader when nothing matches, on both databases: PostgreSQL
    drops the same words.
    """
    if to_fts5(query):
        return ()
    words = {}
    for terms in parse(query):
        for term in terms:
            for word in term.words:
                words.setdefault(word.casefold(), word)
    return tuple(words.values())


def _string(words):
    """Words as one FTS5 string: a phrase when there are several. A word holds no quote, but one would be doubled."""
    return '"' + " ".join(words).replace('"', '""') + '"'


def _join(parts, operator, alone=False):
    """The parts joined by an FTS5 operator, in brackets if there are several and the result goes inside more."""
    joined = f" {operator} ".join(parts)
    return joined if alone or len(parts) == 1 else f"({joined})"
