"""Oversized and over-nested text is refused with a clear error; a search cannot hold a worker (findings 4, 7)."""

import pytest
from django.db import connection

from archive.models import Post
from archive.search.query import SearchTookTooLong, time_limited
from tests.admin.helpers import form_data

DEEP = "- " * 500 + "x"


@pytest.fixture
def post(seeded):
    return Post.objects.get(title="Biden Kicks Xi When He’s Up")


def change(editor_client, post, **fields):
    url = f"/admin/archive/post/{post.pk}/change/"
    data = form_data(editor_client.get(url), "post_form")
    data.update({name: [value] for name, value in fields.items()})
    return editor_client.post(url, data)


def test_deeply_nested_markdown_is_a_form_error_not_a_crash(editor_client, post):
    response = change(editor_client, post, body=DEEP)
    assert response.status_code == 200
    assert "nested 500 levels deep; at most 20 levels can be shown" in response.content.decode()
    post.refresh_from_db()
    assert post.body != DEEP


def test_the_preview_says_what_is_wrong(editor_client, post):
    response = editor_client.post("/admin/archive/post/preview/", {"body": DEEP})
    assert response.status_code == 400
    assert "at most 20 levels" in response.content.decode()
    fine = editor_client.post("/admin/archive/post/preview/", {"body": "- a\n    - b"})
    assert fine.status_code == 200 and "<li>" in fine.content.decode()


def test_a_body_over_the_limit_is_refused_by_the_admin(editor_client, post, settings):
    settings.MAX_BODY_BYTES = 1000
    response = change(editor_client, post, body="x" * 1500)
    assert response.status_code == 200
    assert "The text is 1,500 bytes long; the archive keeps bodies of up to 1,000 bytes" in response.content.decode()


def test_a_body_over_the_limit_is_refused_by_the_importer(db, listing_dir, settings, capsys):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    settings.MAX_BODY_BYTES = 1000
    path = listing_dir / "001_big.txt"
    path.write_text("Category Archives: Technology\n\nA Short Post\n\nShort text.\n\nLeave a comment\n\n"
                    "Filed under Technology\n\nA Long Post\n\n" + "word " * 300 + "\n\nLeave a comment\n\n"
                    "Filed under Technology\n")
    with pytest.raises(CommandError):
        call_command("load_seeds", str(listing_dir), verbosity=0)
    error = capsys.readouterr().err
    assert f"{path}:11:" in error and "over the limit of 1,000 (BRIEFINGS_MAX_BODY_BYTES)" in error
    assert not Post.objects.exists()


def slow_statement():
    if connection.vendor == "postgresql":
        return "SELECT pg_sleep(5)"
    # Counting to a hundred million in SQLite's own virtual machine.
    return "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000000) SELECT count(*) FROM n"


def test_a_search_statement_is_stopped_at_the_time_limit(db, settings):
    settings.SEARCH_TIMEOUT_MS = 200
    with pytest.raises(SearchTookTooLong):
        with time_limited(), connection.cursor() as cursor:
            cursor.execute(slow_statement())
    # The connection serves the next query as usual, with no limit left on it.
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)
        if connection.vendor == "postgresql":
            cursor.execute("SHOW statement_timeout")
            assert cursor.fetchone() == ("0",)
