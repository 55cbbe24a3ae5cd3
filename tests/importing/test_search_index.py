"""Imports index their posts for search in batches; posts saved afterwards are indexed as ever."""

import io

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from archive.models import Post
from archive.search.index import SEARCH_INDEX
from archive.search.query import search
from archive.search import sqlite as fts
from archive.search.sqlite import indexing_by_batch
from tests.wordpress.helpers import export, item_xml


def found(word):
    return sorted(post.title for post in search(word))


def load(*options):
    call_command("load_seeds", *options, stdout=io.StringIO())


def test_imported_posts_then_new_and_edited_posts_are_found(db):
    load()
    huawei = found("Huawei")
    assert len(huawei) == 3
    assert all("huawei" in Post.objects.get(title=title).body_text.lower() for title in huawei)
    Post.objects.create(title="Zeppelins over Shenzhen", body="An airship **zeppelin** flew over.")
    assert found("zeppelin") == ["Zeppelins over Shenzhen"]
    edited = Post.objects.get(title="Zeppelins over Shenzhen")
    edited.body = "Now about a dirigible."
    edited.save()
    assert found("zeppelin") == ["Zeppelins over Shenzhen"]  # still in the title
    assert found("dirigible") == ["Zeppelins over Shenzhen"]


def test_on_sqlite_the_imported_index_holds_exactly_the_posts_text(db):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's FTS5 index")
    load()
    Post.objects.filter(title__startswith="China").delete()  # removing entries needs them exact
    assert integrity_check() == Post.objects.count() > 0


def test_on_sqlite_the_index_writes_out_new_terms_in_large_segments(db):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's FTS5 index")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT v FROM {fts.TABLE}_config WHERE k = 'hashsize'")
        assert cursor.fetchone() == (fts.PENDING_BYTES,)
    call_command("flush", "--no-input")  # the index is made again from nothing
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT v FROM {fts.TABLE}_config WHERE k = 'hashsize'")
        assert cursor.fetchone() == (fts.PENDING_BYTES,)


def integrity_check():
    """FTS5 compares its index with the text of every post it indexes; it raises if they differ."""
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {fts.TABLE}({fts.TABLE}, rank) VALUES ('integrity-check', 1)")
        cursor.execute(f"SELECT count(*) FROM {fts.TABLE}")
        return cursor.fetchone()[0]


def test_a_wordpress_exports_posts_are_found_and_found_again_when_it_changes(db, tmp_path):
    first = export(tmp_path, item_xml(1, title="Pandas abroad", content="Zoo <b>diplomacy</b> by loan.")
                   + item_xml(2, title="Chips", content="Lithography at two nanometres."), name="one.xml")
    load(str(first))
    assert found("diplomacy") == ["Pandas abroad"]
    assert found("lithography") == ["Chips"]
    # A later export: one post rewritten in WordPress, one new.
    later = export(tmp_path, item_xml(1, title="Pandas abroad", content="Zoo loans end.")
                   + item_xml(2, title="Chips", content="Lithography at two nanometres.")
                   + item_xml(3, title="Rare earths", content="Magnets and export quotas."), name="two.xml")
    load(str(later))
    assert found("diplomacy") == []
    assert found("loans") == ["Pandas abroad"]
    assert found("magnets") == ["Rare earths"]
    Post.objects.create(title="Giraffe diplomacy", body="Text.")  # indexed as ever once the import is done
    assert found("giraffe") == ["Giraffe diplomacy"]
    if connection.vendor == "sqlite":
        Post.objects.filter(title="Chips").delete()  # removing entries needs them exact
        assert integrity_check() == Post.objects.count() == 3


def test_after_a_dry_run_new_posts_are_found(db):
    load("--dry-run")
    assert Post.objects.count() == 0
    Post.objects.create(title="Giraffe diplomacy", body="Text.")
    assert found("giraffe") == ["Giraffe diplomacy"]


@pytest.mark.django_db(transaction=True)
def test_a_failed_import_leaves_indexing_as_it_was():
    with pytest.raises(RuntimeError, match="fails"), transaction.atomic(), indexing_by_batch(connection):
        Post.objects.create(title="Written, then rolled back", body="Text.")
        raise RuntimeError("the import fails")
    Post.objects.create(title="Giraffe diplomacy", body="Text.")
    assert found("giraffe") == ["Giraffe diplomacy"]
    assert found("rolled") == []


@pytest.mark.django_db(transaction=True)
def test_batch_indexing_needs_a_transaction():
    if connection.vendor != "sqlite":
        pytest.skip("only SQLite indexes through triggers")
    with pytest.raises(RuntimeError, match="transaction"), indexing_by_batch(connection):
        pass


def test_an_import_leaves_no_entries_pending_in_the_search_index(db, django_capture_on_commit_callbacks):
    """Searches read a GIN index's whole pending list: an import empties it once committed, before it returns."""
    if connection.vendor != "postgresql":
        pytest.skip("only PostgreSQL's GIN index keeps a pending list")
    with django_capture_on_commit_callbacks(execute=True):
        load()
    assert found("Huawei")
    with connection.cursor() as cursor:
        cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [SEARCH_INDEX])
        assert cursor.fetchone()[0] == 0  # pages it found pending
