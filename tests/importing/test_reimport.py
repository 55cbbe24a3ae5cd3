"""Re-running imports: nothing duplicated, editors' changes kept, copies merged."""

import io
import shutil

from django.core.management import call_command

from archive.models import Category, Post
from tests.conftest import BRIEFINGS_SEED, TECHNOLOGY_SEED

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


def test_one_post_in_two_category_archives_becomes_one_post(db, listing_dir):
    shutil.copy(TECHNOLOGY_SEED, listing_dir / "001_technology.txt")
    trade = TECHNOLOGY_SEED.read_text().replace("Category Archives: Technology", "Category Archives: Trade")
    (listing_dir / "002_trade.txt").write_text(trade, "utf-8")
    output = load(listing_dir)
    assert "Files read: 2 (10 posts)" in output
    assert Post.objects.count() == 10
    post = Post.objects.get(title="Canada Finally Bans Huawei From Its 5G Networks")
    assert set(post.categories.values_list("name", flat=True)) == {"Technology", "Trade"}
    assert str(post.listing) == "Category Archives: Technology"  # the first listing it appears in
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
