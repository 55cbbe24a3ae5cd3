"""Each post's place in the archive, in its categories and among the briefings citing each outlet, as an import
leaves them."""

import shutil

from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive.importing.importer import import_listings
from archive.models import CategoryPlacement, Outlet, OutletPlacement, Post
from archive.derived import renumber_posts
from tests.conftest import BRIEFINGS_SEED, TECHNOLOGY_SEED
from tests.factories import write_listing


def places():
    ranks = list(Post.objects.order_by("rank").values_list("rank", "title"))
    placements = sorted(CategoryPlacement.objects.values_list("category__name", "rank", "post__title"))
    citers = sorted(OutletPlacement.objects.values_list("outlet__name", "rank", "post__title"))
    sizes = sorted(Outlet.objects.values_list("name", "post_count"))
    return ranks, placements, citers, sizes


def renumbered():
    """The places the archive's order gives, worked out again from scratch."""
    CategoryPlacement.objects.all().delete()
    OutletPlacement.objects.all().delete()
    Outlet.objects.update(post_count=0)
    Post.objects.update(rank=None)
    renumber_posts()
    return places()


def test_into_an_empty_archive_posts_are_placed_as_they_are_written(db, tmp_path):
    for number in range(6):
        heading = f"Category Archives: Theme {number % 2}"
        write_listing(tmp_path / f"a{number:02}.txt", 1 + 10 * number, 10, heading)
    shutil.copy(BRIEFINGS_SEED, tmp_path)
    shutil.copy(TECHNOLOGY_SEED, tmp_path)
    with CaptureQueriesContext(connection) as queries:
        import_listings([tmp_path])
    assert not any("ROW_NUMBER" in query["sql"].upper() for query in queries.captured_queries)
    as_written = places()
    assert len(as_written[0]) == 78 and len(as_written[1]) > 78
    # Every outlet cited, with its citers numbered from 1.
    assert len(as_written[2]) > 30 and all(size > 0 for _, size in as_written[3])
    assert renumbered() == as_written


def test_files_of_one_name_in_two_folders_are_placed_in_the_archive_order(db, tmp_path):
    # One listing (by file name), its positions from both files: the order interleaves them.
    for folder, first in (("one", 1), ("two", 101)):
        (tmp_path / folder).mkdir()
        write_listing(tmp_path / folder / "a.txt", first, 5)
    import_listings([tmp_path / "one", tmp_path / "two"])
    titles = [title for _, title in places()[0]]
    assert titles[:3] == ["Synthetic Post Number 1", "Synthetic Post Number 101", "Synthetic Post Number 2"]
    assert places() == renumbered()


def test_into_an_archive_with_posts_new_posts_take_their_places(db, tmp_path):
    import_listings([TECHNOLOGY_SEED])
    import_listings([BRIEFINGS_SEED])  # sorts first: every post moves
    write_listing(tmp_path / "001_more.txt", 1, 5, "Category Archives: Technology")
    import_listings([tmp_path])
    as_imported = places()
    assert as_imported == renumbered()
    titles = [title for _, title in as_imported[0]]
    # Between the Technology archive (000_…) and the briefings (003_…), by file name.
    assert titles[10:15] == [f"Synthetic Post Number {number}" for number in range(1, 6)]
    assert len(titles) == 23
