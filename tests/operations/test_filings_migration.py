"""Posts already in an archive come through the migrations that keep their categories, tags and sources in
their own rows (Post.filed_and_cited) and number the briefings citing each outlet (OutletPlacement) and the
posts of each tag (TagPlacement), and give each month its first place in the archive (Month.first_rank); the
planner's statistics, read by older imports before the posts had ranks, are read again."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from archive.models import Month, Outlet, Post, Tag

from .test_author_migration import insert


def post(number):
    now = timezone.now()
    return insert(
        "archive_post", title=f"Post {number}", slug=f"post-{number}", caption="", body="Text.",
        body_html="<p>Text.</p>", body_text="Text.", published=now.replace(day=1 + number), rank=10 - number,
        import_digest="", created=now, updated=now, index_terms="", body_format="markdown", excerpt="",
        original_url="", title_html="",
    )


@pytest.mark.django_db(transaction=True)
def test_posts_filed_before_the_migration_show_their_categories_tags_and_sources():
    call_command("migrate", "archive", "0012", verbosity=0)
    try:
        filed, bare = post(1), post(2)
        tech = insert("archive_category", name="Technology", slug="technology", description="")
        china = insert("archive_category", name="China-U.S.", slug="china-us", description="")
        chips = insert("archive_tag", name="Chips", slug="chips", description="")
        for category in (tech, china):
            insert("archive_post_categories", post_id=filed, category_id=category)
        insert("archive_post_tags", post_id=filed, tag_id=chips)
        reuters = insert("archive_outlet", name="Reuters", slug="reuters")
        ft = insert("archive_outlet", name="Financial Times", slug="financial-times")
        insert("archive_source", post_id=filed, outlet_id=reuters, date="2024-05-02",
               url="https://reuters.example/b", position=2)
        insert("archive_source", post_id=filed, outlet_id=ft, date="2024-05-01", url="https://ft.example/a",
               position=1)
    finally:
        call_command("migrate", verbosity=0)
    posts = Post.objects.in_bulk([filed, bare])
    assert [(c.name, c.get_absolute_url()) for c in posts[filed].filed_under] == [
        ("China-U.S.", "/category/china-us/"), ("Technology", "/category/technology/"),
    ]
    assert [tag.name for tag in posts[filed].tagged] == ["Chips"]
    # In the post's own order of its sources.
    assert [(s.outlet.name, s.date, s.url) for s in posts[filed].cited_sources] == [
        ("Financial Times", datetime.date(2024, 5, 1), "https://ft.example/a"),
        ("Reuters", datetime.date(2024, 5, 2), "https://reuters.example/b"),
    ]
    assert (posts[bare].filed_under, posts[bare].tagged, posts[bare].cited_sources) == ([], [], [])


@pytest.mark.django_db(transaction=True)
def test_briefings_cited_before_the_migration_are_on_their_outlets_pages_in_order():
    call_command("migrate", "archive", "0013", verbosity=0)
    try:
        later, sooner = post(1), post(2)  # ranks 9 and 8: the second comes first in the archive
        reuters = insert("archive_outlet", name="Reuters", slug="reuters")
        quiet = insert("archive_outlet", name="Quiet Wire", slug="quiet-wire")
        for pk, position in ((later, 1), (later, 2), (sooner, 1)):  # one of them cites Reuters twice
            insert("archive_source", post_id=pk, outlet_id=reuters, date="2024-05-01",
                   url=f"https://reuters.example/{pk}/{position}", position=position)
    finally:
        call_command("migrate", verbosity=0)
    assert list(Post.objects.citing(reuters).order_by("place").values_list("pk", "place")) == [
        (sooner, 1), (later, 2),
    ]
    assert dict(Outlet.objects.values_list("pk", "post_count")) == {reuters: 2, quiet: 0}


@pytest.mark.django_db(transaction=True)
def test_posts_tagged_before_the_migration_are_on_their_tags_pages_in_order():
    call_command("migrate", "archive", "0014", verbosity=0)
    try:
        later, sooner, untagged = post(1), post(2), post(3)  # ranks 9, 8 and 7
        chips = insert("archive_tag", name="Chips", slug="chips", description="")
        quiet = insert("archive_tag", name="Quiet", slug="quiet", description="")
        for pk in (later, sooner):
            insert("archive_post_tags", post_id=pk, tag_id=chips)
    finally:
        call_command("migrate", verbosity=0)
    assert list(Post.objects.tagged_with(chips).order_by("place").values_list("pk", "place")) == [
        (sooner, 1), (later, 2),
    ]
    assert dict(Tag.objects.values_list("pk", "post_count")) == {chips: 2, quiet: 0}
    assert untagged not in Post.objects.tagged_with(chips).values_list("pk", flat=True)


@pytest.mark.django_db(transaction=True)
def test_months_counted_before_the_migration_get_their_first_place_in_the_archive():
    call_command("migrate", "archive", "0015", verbosity=0)
    try:
        for number in (1, 2, 3):  # ranks 9, 8 and 7, on the 2nd, 3rd and 4th of this month
            post(number)
        now = timezone.now()
        insert("archive_month", year=now.year, month=now.month, post_count=3)
    finally:
        call_command("migrate", verbosity=0)
    assert list(Month.objects.values_list("post_count", "first_rank")) == [(3, 7)]


def rank_statistics():
    """What the planner believes of ranks: SQLite's posts a rank, PostgreSQL's share of posts without one."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT stat FROM sqlite_stat1 WHERE idx = 'post_rank_slug_updated'")
            return int(cursor.fetchone()[0].split()[1])
        cursor.execute("SELECT null_frac FROM pg_stats WHERE tablename = 'archive_post' AND attname = 'rank'")
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_statistics_read_before_the_posts_had_ranks_are_read_again():
    call_command("migrate", "archive", "0016", verbosity=0)
    try:
        for number in range(1, 9):
            post(number)
        # As an import before 0017 left them: statistics read while the new posts had no rank yet.
        with connection.cursor() as cursor:
            cursor.execute("UPDATE archive_post SET rank = NULL")
            cursor.execute("ANALYZE archive_post")
            cursor.execute("UPDATE archive_post SET rank = id")
        assert rank_statistics() == (8 if connection.vendor == "sqlite" else 1)
    finally:
        call_command("migrate", verbosity=0)
    assert rank_statistics() == (1 if connection.vendor == "sqlite" else 0)
