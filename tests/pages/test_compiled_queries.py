"""Pages and feeds run queries compiled once per process: the very posts the ORM's querysets give."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Q

from archive.compiled import CompiledQuery
from archive.listed_posts import with_categories_and_sources
from archive.models import Category, Comment, Post
from archive.pagination import ARCHIVE_PAGE, CATEGORY_PAGE
from archive.related_rows import rows
from tests.factories import write_listing


def columns(post):
    return (post.pk, post.title, post.slug, post.caption, post.body_html, post.published, post.updated, post.rank,
            post.approved_comment_count, sorted(post.get_deferred_fields()))


def listed(posts):
    """The posts' columns, their categories and sources as read (before with_categories_and_sources)."""
    return [(*columns(post), post.category_rows, post.source_rows) for post in posts]


def categories_and_sources(post):
    return (
        [(category.pk, category.name, category.slug) for category in post.filed_under],
        [(source.pk, source.outlet.name, source.outlet.slug, source.date, source.url) for source in post.cited_sources],
    )


@pytest.fixture
def archive(seeded, tmp_path):
    call_command("load_seeds", str(write_listing(tmp_path / "900_synthetic.txt", 1, 30)), verbosity=0)
    post = Post.objects.get(rank=3)
    for status in ("approved", "approved", "pending"):
        Comment.objects.create(post=post, author_name="A reader", body="A comment.", status=status)
    assert Post.objects.count() == 48


def test_archive_pages_are_the_posts_the_orm_gives(archive):
    pages = []
    for bottom in range(0, 56, 8):
        expected = Post.objects.for_listing().filter(rank__gt=bottom, rank__lte=bottom + 8).order_by("rank")
        pages.append(listed(ARCHIVE_PAGE(bottom, bottom + 8)))
        assert pages[-1] == listed(expected)
    assert [len(page) for page in pages] == [8, 8, 8, 8, 8, 8, 0]
    assert [post[8] for post in pages[0]][2] == 2  # approved comments only
    unshown = ["body", "body_text", "created", "import_digest", "import_key", "index_terms", "search_vector"]
    assert all(post[9] == unshown for post in pages[0])
    assert any(rows(post[10]) and rows(post[11]) for page in pages for post in page)  # categories and sources


def test_category_pages_are_the_posts_the_orm_gives(archive):
    sizes = {}
    for category in Category.objects.all():
        for bottom in range(0, 40, 8):
            expected = (
                Post.objects.for_listing()
                .filter(placements__category=category, placements__rank__gt=bottom, placements__rank__lte=bottom + 8)
                .order_by("placements__rank")
            )
            page = listed(CATEGORY_PAGE(category.pk, bottom, bottom + 8))
            assert page == listed(expected)
            sizes[category.name, bottom] = len(page)
    assert sizes["Synthetic", 24] == 6 and sizes["Synthetic", 32] == 0
    assert sizes["Technology", 0] == 8


def test_a_post_page_s_neighbours_are_the_posts_ranked_next_to_it(archive, client):
    def neighbours(post):
        context = client.get(post.get_absolute_url()).context
        return [(n.pk, n.rank, n.title, n.slug) if n else None for n in (context["previous_post"], context["next_post"])]

    def stored(rank):
        found = Post.objects.filter(rank=rank).values_list("pk", "rank", "title", "slug").first()
        return tuple(found) if found else None

    for rank in (1, 2, 10, 47, 48):
        assert neighbours(Post.objects.get(rank=rank)) == [stored(rank - 1), stored(rank + 1)]
    assert neighbours(Post.objects.get(rank=1))[0] is None and neighbours(Post.objects.get(rank=48))[1] is None


def test_a_query_is_compiled_once_then_run_with_each_call_s_values(db):
    for title in ("Alpha", "Beta"):
        Post.objects.create(title=title, body="Text.")
    builds = []

    def build(title, rank):
        builds.append((title, rank))
        return Post.objects.filter(title=title, rank__lte=rank).only("title")

    query = CompiledQuery(build)
    assert [post.title for post in query("Alpha", 10)] == ["Alpha"]
    assert [post.title for post in query("Beta", 10)] == ["Beta"]
    assert [post.title for post in query("Beta", 0)] == []
    assert len(builds) == 1


def test_a_value_that_is_not_exactly_one_parameter_of_the_sql_is_refused(db):
    twice = CompiledQuery(lambda rank: Post.objects.filter(Q(rank=rank) | Q(listing_position=rank)))
    with pytest.raises(ValueError, match="is 2 parameters"):
        twice(3)
    unused = CompiledQuery(lambda rank: Post.objects.all())
    with pytest.raises(ValueError, match="is 0 parameters"):
        unused(3)


def test_a_compiled_query_must_read_the_primary_key_of_its_instances(db):
    Post.objects.create(title="Alpha", body="Text.")
    titles = CompiledQuery(lambda rank: Post.objects.filter(rank__lte=rank).values("title"))
    with pytest.raises(ValueError, match="must read its primary key"):
        titles(10)


def test_a_post_page_s_post_is_the_post_with_its_listing(archive, client):
    for stored in Post.objects.select_related("listing").order_by("rank")[:48:7]:
        post = client.get(stored.get_absolute_url()).context["post"]
        expected = with_categories_and_sources(Post.objects.for_post_page().filter(pk=stored.pk))[0]
        assert columns(post) == columns(expected)
        assert post.body_text == stored.body_text and "body_text" not in post.get_deferred_fields()
        assert categories_and_sources(post) == categories_and_sources(stored)
        assert (post.listing.pk, str(post.listing)) == (stored.listing.pk, str(stored.listing))
        assert post.listing.file_name == stored.listing.file_name  # loaded when asked for
    written_here = Post.objects.create(title="Written in the admin", body="Text.")
    response = client.get(written_here.get_absolute_url())
    assert response.context["post"].listing is None
    assert "Archived from" not in response.content.decode()
    assert client.get("/post/no-such-post/").status_code == 404


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements: PostgreSQL")
def test_on_postgresql_each_compiled_query_is_planned_once_per_connection(archive, client):
    def prepared():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements "
                "WHERE statement LIKE %s",
                ['%"archive_post"."body_html"%'],
            )
            return cursor.fetchall()

    assert prepared() == []
    for bottom in (0, 8, 16):
        assert len(ARCHIVE_PAGE(bottom, bottom + 8)) == 8
    [(statement, generic, custom)] = prepared()
    assert '"rank" >' in statement and (generic, custom) == (3, 0)  # one generic plan, no planning per run
    for url in ("/", "/page/3/", "/category/synthetic/page/2/", Post.objects.get(rank=5).get_absolute_url()):
        assert client.get(url).status_code == 200
    assert len(prepared()) == 3  # archive pages, category pages, post pages: one statement each
