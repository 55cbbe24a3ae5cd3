"""Listed posts come with their categories and sources, in the same query: exactly what each post has, in its order."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection

from archive.listed_posts import with_categories_and_sources
from archive.models import Category, Outlet, Post
from archive.related_rows import rows
from tests.factories import write_listing


def categories_of(categories):
    return [(category.pk, category.name, category.slug) for category in categories]


def sources_of(sources):
    return [
        (source.pk, source.post_id, source.position, source.outlet.pk, source.outlet.name, source.outlet.slug,
         source.date, source.url)
        for source in sources
    ]


def test_each_post_gets_its_own_categories_and_sources_in_one_query(seeded, tmp_path,
                                                                     django_assert_num_queries):
    call_command("load_seeds", str(write_listing(tmp_path / "900_synthetic.txt", 1, 30)), verbosity=0)
    with_categories_and_sources(Post.objects.for_listing()[:1])  # a generation's maps of categories and outlets
    with django_assert_num_queries(1):
        posts = with_categories_and_sources(Post.objects.for_listing().order_by("rank"))
    assert len(posts) == Post.objects.count() == 48
    for post in posts:
        stored = Post.objects.get(pk=post.pk)
        assert categories_of(post.filed_under) == categories_of(stored.categories.order_by("name"))
        assert sources_of(post.cited_sources) == sources_of(stored.sources.order_by("position"))
    # The archive holds posts with one and with two categories, with none, one and several sources.
    assert {len(post.filed_under) for post in posts} >= {1, 2}
    assert {len(post.cited_sources) for post in posts} >= {0, 1, 2}
    assert all(isinstance(source.date, datetime.date) for post in posts for source in post.cited_sources)


def test_what_pages_do_not_show_is_still_there_when_asked_for(seeded):
    Category.objects.filter(name="Technology").update(description="Chips, networks and platforms.")
    posts = Post.objects.for_listing().filter(categories__name="Technology")
    post = with_categories_and_sources(posts[:1])[0]
    technology = next(category for category in post.filed_under if category.name == "Technology")
    assert technology.description == "Chips, networks and platforms."


def test_a_post_loaded_on_its_own_reads_them_itself(seeded):
    post = Post.objects.get(title="Biden Kicks Xi When He’s Up")
    assert categories_of(post.filed_under) == categories_of(post.categories.order_by("name"))
    assert sources_of(post.cited_sources) == sources_of(post.sources.order_by("position"))


def test_a_post_listed_twice_gets_them_both_times(seeded):
    post = Post.objects.get(slug="china-hacks-and-leaks-confidential-japanese-diplomatic-cables")
    assert post.filed_under and post.cited_sources
    listed = Post.objects.for_listing().filter(pk=post.pk)
    first, second, again = with_categories_and_sources([listed.get(), *[listed.get()] * 2])
    assert again is second
    for copy in (first, second):
        assert categories_of(copy.filed_under) == categories_of(post.filed_under)
        assert sources_of(copy.cited_sources) == sources_of(post.cited_sources)


def test_posts_read_without_their_categories_and_sources_are_refused(seeded):
    # Completing them one query per post would be the very cost listed posts avoid.
    with pytest.raises(TypeError, match="Post.objects.for_listing"):
        with_categories_and_sources(Post.objects.all())


def test_a_post_with_no_categories_or_sources_gets_empty_lists(seeded):
    post = Post.objects.create(title="Written in the admin", body="Text.")
    listed = with_categories_and_sources(Post.objects.for_listing().filter(pk=post.pk))[0]
    assert listed.filed_under == [] and listed.cited_sources == []


def test_no_posts_no_queries(db, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert with_categories_and_sources(Post.objects.for_listing()) == []


def test_json_columns_are_read_as_values_and_jsonb_is_left_to_django(db):
    """RelatedRows' json arrays come decoded; jsonb (Django's JSONField) still reaches Django as text."""
    with connection.cursor() as cursor:
        array = "json_build_array" if connection.vendor == "postgresql" else "json_array"
        cursor.execute(f"SELECT {array}(1, 'two', NULL)")
        assert rows(cursor.fetchone()[0]) == [1, "two", None]
        if connection.vendor == "postgresql":
            cursor.execute("SELECT '{\"a\": [1]}'::jsonb")
            assert cursor.fetchone()[0] == '{"a": [1]}'


def test_a_category_or_outlet_added_while_a_generation_lasts_is_shown_too(seeded):
    """The per-generation maps of categories and outlets predate a change that has not committed yet."""
    post = Post.objects.get(title="Biden Kicks Xi When He’s Up")
    listed = Post.objects.for_listing().filter(pk=post.pk)
    with_categories_and_sources(listed.all())  # the generation's maps are made
    post.categories.add(Category.objects.create(name="Aardvarks"))
    outlet = Outlet.objects.create(name="A New Outlet")
    post.sources.create(outlet=outlet, date=datetime.date(2024, 5, 1), url="https://example.com/new")
    # In a test's transaction nothing commits, so the generation stays the same.
    again = with_categories_and_sources(listed.all())[0]
    assert categories_of(again.filed_under) == categories_of(post.categories.order_by("name"))
    assert sources_of(again.cited_sources) == sources_of(post.sources.order_by("position"))
    assert again.filed_under[0].name == "Aardvarks" and again.cited_sources[-1].outlet.name == "A New Outlet"
