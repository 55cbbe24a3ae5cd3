"""Listed posts come with their categories, tags and sources in the one query of the posts: exactly what each post
has, in its order, and still so after every kind of change an editor or an import makes."""

import datetime

from django.core.management import call_command

from archive import derived
from archive.models import Category, Outlet, Post, Tag
from tests.factories import write_listing


def categories_of(categories):
    return [(category.name, category.slug) for category in categories]


def sources_of(sources):
    return [(source.outlet.name, source.outlet.slug, source.date, source.url) for source in sources]


def stored_sources(post):
    return sources_of(post.sources.select_related("outlet").order_by("position"))


def listed(post):
    """The post as the next page that lists it reads it."""
    return Post.objects.for_listing().get(pk=post.pk)


def assert_shown_as_stored(post):
    shown = listed(post)
    assert categories_of(shown.filed_under) == categories_of(post.categories.order_by("name"))
    assert categories_of(shown.tagged) == categories_of(post.tags.order_by("name"))
    assert sources_of(shown.cited_sources) == stored_sources(post)


def test_each_post_gets_its_own_categories_and_sources_in_one_query(seeded, tmp_path, django_assert_num_queries):
    call_command("load_seeds", str(write_listing(tmp_path / "900_synthetic.txt", 1, 30)), verbosity=0)
    # The posts with their authors, categories, tags and sources: one query, however many posts.
    with django_assert_num_queries(1):
        posts = list(Post.objects.for_listing().order_by("rank"))
        shown = [(categories_of(post.filed_under), sources_of(post.cited_sources)) for post in posts]
    assert len(posts) == Post.objects.count() == 48
    for post, (categories, sources) in zip(posts, shown):
        assert categories == categories_of(post.categories.order_by("name"))
        assert sources == stored_sources(post)
    # The archive holds posts with one and with two categories, with none, one and several sources.
    assert {len(categories) for categories, _ in shown} >= {1, 2}
    assert {len(sources) for _, sources in shown} >= {0, 1, 2}
    assert all(isinstance(source.date, datetime.date) for post in posts for source in post.cited_sources)


def test_what_is_shown_links_to_the_pages_of_the_category_tag_and_outlet(seeded):
    post = Post.objects.filter(sources__isnull=False).first()
    post.tags.add(Tag.objects.create(name="Semiconductors"))
    shown = listed(post)
    category, source = post.categories.order_by("name").first(), post.sources.order_by("position").first()
    assert shown.filed_under[0].get_absolute_url() == category.get_absolute_url()
    assert shown.tagged[0].get_absolute_url() == Tag.objects.get(name="Semiconductors").get_absolute_url()
    assert shown.cited_sources[0].outlet.get_absolute_url() == source.outlet.get_absolute_url()


def test_a_post_with_no_categories_or_sources_gets_empty_lists(seeded):
    post = Post.objects.create(title="Written in the admin", body="Text.")
    shown = listed(post)
    assert shown.filed_under == [] and shown.tagged == [] and shown.cited_sources == []


def test_no_posts_one_query(db, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert list(Post.objects.for_listing()) == []


def test_a_category_or_outlet_added_since_the_last_page_is_shown_too(seeded):
    post = Post.objects.get(title="Biden Kicks Xi When He’s Up")
    listed(post)
    post.categories.add(Category.objects.create(name="Aardvarks"))
    outlet = Outlet.objects.create(name="A New Outlet")
    post.sources.create(outlet=outlet, date=datetime.date(2024, 5, 1), url="https://example.com/new", position=9)
    assert_shown_as_stored(post)
    again = listed(post)
    assert again.filed_under[0].name == "Aardvarks" and again.cited_sources[-1].outlet.name == "A New Outlet"


def test_renamed_categories_tags_and_outlets_are_shown_by_their_new_names_and_links(seeded):
    post = Post.objects.filter(sources__isnull=False).first()
    tag = Tag.objects.create(name="Chips")
    post.tags.add(tag)
    category, outlet = post.categories.first(), post.sources.first().outlet
    category.name, category.slug = "Renamed Category", "renamed-category"
    category.save()
    tag.name, tag.slug = "Microchips", "microchips"
    tag.save()
    outlet.name, outlet.slug = "Renamed Outlet", "renamed-outlet"
    outlet.save()
    assert_shown_as_stored(post)
    shown = listed(post)
    assert "Renamed Category" in [c.name for c in shown.filed_under]
    assert [t.slug for t in shown.tagged] == ["microchips"]
    assert "renamed-outlet" in [s.outlet.slug for s in shown.cited_sources]


def test_removed_and_deleted_categories_tags_and_sources_are_no_longer_shown(seeded):
    posts = list(Post.objects.filter(sources__isnull=False).distinct()[:3])
    tag = Tag.objects.create(name="Chips")
    tag.posts.add(*posts)
    kept = Tag.objects.create(name="Kept")
    kept.posts.add(*posts)
    category = Category.objects.create(name="Aardvarks")
    category.posts.add(*posts)
    assert all("Chips" in [t.name for t in listed(post).tagged] for post in posts)
    tag.posts.remove(posts[0])  # from the tag's side
    posts[1].categories.remove(category)  # from the post's side
    posts[0].sources.first().delete()
    for post in posts:
        assert_shown_as_stored(post)
    tag.delete()  # its links go without m2m_changed
    category.delete()
    kept.posts.clear()  # from the tag's side: the signal names no posts
    for post in posts:
        assert_shown_as_stored(post)
        assert listed(post).tagged == []


def test_a_source_edited_in_place_is_shown_as_edited(seeded):
    post = Post.objects.filter(sources__isnull=False).first()
    source = post.sources.first()
    source.url, source.date = "https://example.com/corrected", datetime.date(2020, 2, 29)
    source.save()
    assert_shown_as_stored(post)


def test_changes_inside_a_batch_are_shown_once_it_ends(seeded, django_assert_max_num_queries):
    posts = list(Post.objects.order_by("pk")[:20])
    category = Category.objects.create(name="Aardvarks")
    with derived.batch():
        category.posts.add(*posts)
        assert listed(posts[0]).filed_under[0].name != "Aardvarks"  # held off until the batch ends
    for post in posts:
        assert_shown_as_stored(post)


def test_saving_a_post_loaded_before_a_change_does_not_bring_back_what_it_showed(seeded):
    post = Post.objects.filter(categories__isnull=False).first()
    stale = Post.objects.get(pk=post.pk)
    post.categories.add(Category.objects.create(name="Aardvarks"))
    stale.title = "Edited title"
    stale.save()
    assert "Aardvarks" in [category.name for category in listed(post).filed_under]
    assert_shown_as_stored(post)


def test_a_post_read_again_shows_its_categories_tags_and_sources_as_they_are_now(seeded):
    post = Post.objects.for_listing().get(slug="biden-kicks-xi-when-hes-up")
    assert "Chips" not in [tag.name for tag in post.tagged]  # read once, before the change
    Post.objects.get(pk=post.pk).tags.add(Tag.objects.create(name="Chips"))
    post.refresh_from_db()
    assert "Chips" in [tag.name for tag in post.tagged]
