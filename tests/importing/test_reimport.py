"""Re-running imports: nothing duplicated, editors' changes kept, copies merged."""

import io
import shutil

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive.importing import writing
from archive.models import Category, Post, Tag, TagPlacement
from tests.conftest import BRIEFINGS_SEED, TECHNOLOGY_SEED
from tests.factories import write_listing

from .helpers import database_state


def load(*paths, **options):
    out = io.StringIO()
    call_command("load_seeds", *map(str, paths), stdout=out, **options)
    return out.getvalue()


def test_second_run_creates_nothing_and_says_so(seeded):
    before = database_state()
    output = load()
    assert "Posts: 0 created, 0 updated, 18 unchanged, 0 kept" in output
    assert "Categories: 10 in the listings, 0 new" in output
    assert "Nothing new" in output
    assert database_state() == before


def test_first_run_summary(db):
    output = load()
    assert "Files read: 2 (18 posts)" in output
    assert "Posts: 18 created, 0 updated, 0 unchanged, 0 kept" in output
    assert "Categories: 10 in the listings, 10 new" in output
    assert "Sources: 9 cited, 9 written" in output


def test_dry_run_reports_without_writing(db):
    output = load(dry_run=True)
    assert "Dry run: nothing was written" in output
    assert "Posts: 18 created" in output
    assert Post.objects.count() == 0 and Category.objects.count() == 0


def test_editors_corrected_title_survives_reimport(seeded):
    post = Post.objects.get(title="Biden Kicks Xi When He’s Up")
    post.title = "Biden Kicks Xi When He Is Up"
    post.body = post.body + "\nAn editor's addition."
    post.save()
    output = load()
    assert "Posts: 0 created, 0 updated, 17 unchanged, 1 kept" in output
    post.refresh_from_db()
    assert post.title == "Biden Kicks Xi When He Is Up"
    assert post.body.endswith("An editor's addition.")
    assert Post.objects.count() == 18


def test_editors_category_change_survives_reimport(seeded):
    post = Post.objects.get(title="Canada Finally Bans Huawei From Its 5G Networks")
    post.categories.add(Category.objects.create(name="Canada"))
    assert "1 kept" in load()
    assert set(post.categories.values_list("name", flat=True)) == {"Technology", "Canada"}


def test_changed_capture_updates_a_post_no_editor_touched(seeded, listing_dir):
    changed = listing_dir / TECHNOLOGY_SEED.name
    changed.write_text(
        TECHNOLOGY_SEED.read_text().replace("score one for China.", "score one for Beijing."), "utf-8"
    )
    output = load(changed)
    assert "Posts: 0 created, 1 updated, 9 unchanged, 0 kept" in output
    post = Post.objects.get(title="China Steals A March In Global Battle For EV Battery Market")
    assert "score one for Beijing." in post.body_html
    assert Post.objects.count() == 18


def test_an_updated_capture_leaves_the_tags_places_alone(seeded, listing_dir, client):
    # Captures file posts under categories only: an import that updates posts renumbers the categories' places,
    # not every tag's.
    tag = Tag.objects.create(name="Batteries")
    post = Post.objects.get(title="China Steals A March In Global Battle For EV Battery Market")
    tag.posts.add(post)
    changed = listing_dir / TECHNOLOGY_SEED.name
    changed.write_text(
        TECHNOLOGY_SEED.read_text().replace("score one for China.", "score one for Beijing."), "utf-8"
    )
    with CaptureQueriesContext(connection) as queries:
        assert "1 updated" in load(changed)
    assert not any(TagPlacement._meta.db_table in query["sql"] for query in queries.captured_queries)
    assert [shown.title for shown in client.get(tag.get_absolute_url()).context["posts"]] == [post.title]


# Written in one batch, or the first listing's posts written before the second is read.
batch_sizes = pytest.mark.parametrize("batch_size", [writing.BATCH_SIZE, 3])


@batch_sizes
def test_one_post_in_two_category_archives_becomes_one_post(db, listing_dir, monkeypatch, batch_size):
    monkeypatch.setattr(writing, "BATCH_SIZE", batch_size)
    shutil.copy(TECHNOLOGY_SEED, listing_dir / "001_technology.txt")
    trade = TECHNOLOGY_SEED.read_text().replace("Category Archives: Technology", "Category Archives: Trade")
    (listing_dir / "002_trade.txt").write_text(trade, "utf-8")
    output = load(listing_dir)
    assert "Files read: 2 (10 posts)" in output
    assert Post.objects.count() == 10
    post = Post.objects.get(title="Canada Finally Bans Huawei From Its 5G Networks")
    assert set(post.categories.values_list("name", flat=True)) == {"Technology", "Trade"}
    assert str(post.listing) == "Category Archives: Technology"  # the first listing it appears in
    assert post.index_terms.splitlines()[:2] == ["Technology", "Trade"]  # searched by both names
    assert "Posts: 0 created, 0 updated, 10 unchanged" in load(listing_dir)


@batch_sizes
def test_a_later_listing_in_the_same_run_adds_its_category_to_posts_already_there(
    db, listing_dir, monkeypatch, batch_size
):
    monkeypatch.setattr(writing, "BATCH_SIZE", batch_size)
    load(TECHNOLOGY_SEED)
    shutil.copy(TECHNOLOGY_SEED, listing_dir / "001_technology.txt")
    trade = TECHNOLOGY_SEED.read_text().replace("Category Archives: Technology", "Category Archives: Trade")
    (listing_dir / "002_trade.txt").write_text(trade, "utf-8")
    # As if the Trade archive were loaded alone: the Technology archive changes nothing.
    assert "Posts: 0 created, 8 updated, 2 unchanged, 0 kept" in load(listing_dir)
    assert Post.objects.filter(categories__name="Trade").count() == 10
    post = Post.objects.get(title="China Steals A March In Global Battle For EV Battery Market")
    assert "Trade" in post.index_terms.splitlines()
    assert "Posts: 0 created, 0 updated, 10 unchanged" in load(listing_dir)


def test_loading_one_listing_later_adds_its_category(db, listing_dir):
    load(TECHNOLOGY_SEED)
    trade = TECHNOLOGY_SEED.read_text().replace("Category Archives: Technology", "Category Archives: Trade")
    (listing_dir / "002_trade.txt").write_text(trade, "utf-8")
    output = load(listing_dir / "002_trade.txt")
    assert "Posts: 0 created, 8 updated, 2 unchanged" in output  # two were filed under Trade already
    assert Post.objects.filter(categories__name="Trade").count() == 10
    assert Post.objects.filter(categories__name="Technology").count() == 10


def test_briefings_loaded_first_keep_their_place_after_technology(db):
    load(BRIEFINGS_SEED)
    load(TECHNOLOGY_SEED)
    titles = list(Post.objects.in_listing_order().values_list("title", flat=True))
    assert titles[0] == "China Steals A March In Global Battle For EV Battery Market"
    assert titles[10] == "China Hacks and Leaks Confidential Japanese Diplomatic Cables"


def test_a_deleted_posts_id_is_never_given_to_an_imported_post(db, tmp_path):
    load(TECHNOLOGY_SEED)
    last = Post.objects.order_by("-pk").first()
    deleted = last.pk
    last.delete()
    load(write_listing(tmp_path / "009_more.txt", 1, 2))
    new = Post.objects.filter(title__startswith="Synthetic").values_list("pk", flat=True)
    assert len(new) == 2 and min(new) > deleted


LISTING_OF_ONE_SLUG = """Category Archives: Politics & Society

北京 Talks

Text one.

Leave a comment

Filed under Politics & Society, Politics Society

上海 Talks

Text two.

Leave a comment

Filed under Politics & Society
"""


@pytest.mark.parametrize("editors_post", [False, True])
def test_posts_and_categories_whose_names_make_one_slug_get_one_each(db, tmp_path, editors_post):
    if editors_post:
        Post.objects.create(title="Talks", body="An editor's post.")
    listing = tmp_path / "001_talks.txt"
    listing.write_text(LISTING_OF_ONE_SLUG, "utf-8")
    load(listing)
    slugs = dict(Post.objects.values_list("title", "slug"))
    first = 3 if editors_post else 2
    expected = {"北京 Talks": "talks" if not editors_post else "talks-2", "上海 Talks": f"talks-{first}"}
    assert {title: slugs[title] for title in expected} == expected
    assert dict(Category.objects.values_list("name", "slug")) == {
        "Politics & Society": "politics-society", "Politics Society": "politics-society-2",
    }
