"""What a post's search index holds, on each database.

PostgreSQL: a generated ``tsvector`` column (title weighted highest, then caption
and category and outlet names, then the text) with a GIN index.

SQLite: an FTS5 table over the same columns, kept up to date by triggers and
stemmed by FTS5's Porter tokenizer (see archive.search.sqlite). Queries drop the
stop words PostgreSQL's "english" configuration drops, so a one-word search finds
the same posts on both.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import models

CONFIG = "english"
# The PostgreSQL index of post documents (a GIN index).
SEARCH_INDEX = "post_search_vector"
INDEXED_FIELDS = ("title", "caption", "index_terms", "body_text")

# The Snowball English stop words: PostgreSQL's english.stop.
STOP_WORDS = frozenset(
    """i me my myself we our ours ourselves you your yours yourself yourselves he him his himself
    she her hers herself it its itself they them their theirs themselves what which who whom this
    that these those am is are was were be been being have has had having do does did doing a an
    the and but if or because as until while of at by for with about against between into through
    during before after above below to from up down in out on off over under again further then
    once here there when where why how all any both each few more most other some such no nor not
    only own same so than too very s t can will just don should now""".split()
)


class PostgresOnly(models.Func):
    """An expression that exists on PostgreSQL; NULL on every other database."""

    def __init__(self, expression, output_field):
        super().__init__(expression, output_field=output_field)

    def as_sql(self, compiler, connection, **extra_context):
        return "NULL", []

    def as_postgresql(self, compiler, connection, **extra_context):
        return compiler.compile(self.source_expressions[0])


class PostgresGinIndex(GinIndex):
    """A GIN index on PostgreSQL; elsewhere an ordinary index on the (empty) column."""

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return models.Index.create_sql(self, model, schema_editor, **kwargs)
        return super().create_sql(model, schema_editor, using=using, **kwargs)


def search_document():
    return (
        SearchVector("title", weight="A", config=CONFIG)
        + SearchVector("caption", weight="B", config=CONFIG)
        + SearchVector("index_terms", weight="B", config=CONFIG)
        + SearchVector("body_text", weight="C", config=CONFIG)
    )


def index_terms(category_names, outlet_names):
    """The names searched with a post's text: its categories and cited outlets."""
    return "\n".join(sorted(set(category_names)) + sorted(set(outlet_names)))


def merge_pending_entries(connection):
    """On PostgreSQL, move the entries waiting in the search index's pending list into the index.

    A GIN index takes new entries into a pending list first, which every search
    then reads through in full; only autovacuum, or the list outgrowing
    gin_pending_list_limit (4 MB), empties it. After an import it held up to
    4 MB, and a search for a rare word took 18 ms instead of 1 (at 5 000 posts).
    Elsewhere than on PostgreSQL this does nothing.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [SEARCH_INDEX])
