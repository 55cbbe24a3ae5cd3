"""Listed posts come with their categories and sources, a fixed number of queries a page: exactly what each post has, in its order."""

import datetime

from django.core.management import call_command

from archive.models import Category, Outlet, Post
from tests.factories import write_listing


def categories_of(categories):
    return [(category.pk, category.name, category.slug) for category in categories]


def sources_of(sources):
    return [
        (source.pk, source.post_id, source.position, source.outlet.pk, source.outlet.name, source.outlet.slug,
         source.date, source.url)
        for source in sources
    ]


def test_each_post_gets_its_own_categories_and_sources_in_four_queries(seeded, tmp_path,
                                                                        django_assert_num_queries):
    call_command("load_seeds", str(write_listing(tmp_path / "900_synthetic.txt", 1, 30)), verbosity=0)
    # The posts, their categories, their tags, their sources with their outlets: however many posts.
    with django_assert_num_queries(4):
        posts = list(Post.objects.for_listing().order_by("rank"))
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
    post = posts[0]
    technology = next(category for category in post.filed_under if category.name == "Technology")
    assert technology.description == "Chips, networks and platforms."


def test_a_post_loaded_on_its_own_reads_them_itself(seeded):
    post = Post.objects.get(title="Biden Kicks Xi When He’s Up")
    assert categories_of(post.filed_under) == categories_of(post.categories.order_by("name"))
    assert sources_of(post.cited_sources) == sources_of(post.sources.order_by("position"))


def test_a_post_with_no_categories_or_sources_gets_empty_lists(seeded):
    post = Post.objects.create(title="Written in the admin", body="Text.")
    listed = Post.objects.for_listing().get(pk=post.pk)
    assert listed.filed_under == [] and listed.cited_sources == []


def test_no_posts_one_query(db, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert list(Post.objects.for_listing()) == []


def test_a_category_or_outlet_added_since_the_last_page_is_shown_too(seeded):
    post = Post.objects.get(title="Biden Kicks Xi When He’s Up")
    listed = Post.objects.for_listing().filter(pk=post.pk)
    list(listed.all())
    post.categories.add(Category.objects.create(name="Aardvarks"))
    outlet = Outlet.objects.create(name="A New Outlet")
    post.sources.create(outlet=outlet, date=datetime.date(2024, 5, 1), url="https://example.com/new")
    again = listed.get()
    assert categories_of(again.filed_under) == categories_of(post.categories.order_by("name"))
    assert sources_of(again.cited_sources) == sources_of(post.sources.order_by("position"))
    assert again.filed_under[0].name == "Aardvarks" and again.cited_sources[-1].outlet.name == "A New Outlet"
