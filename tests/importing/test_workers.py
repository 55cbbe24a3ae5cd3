"""Large imports read the listings in worker processes: the archive they write is the same."""

import io
import time

import pytest
from django.core.management import CommandError, call_command

from archive.importing.importer import ImportFailed, import_listings
from archive.importing.workers import PARALLEL_FROM, worker_map
from archive.models import CategoryPlacement, Post, Source
from tests.conftest import BRIEFINGS_SEED, TECHNOLOGY_SEED
from tests.factories import write_listing

from .helpers import database_state


def archive_folder(folder):
    """Listings enough for workers: 12 files, posts 31-60 in two category archives each."""
    folder.mkdir()
    for number in range(6):
        write_listing(folder / f"a{number:02}.txt", 1 + 10 * number, 10, "Category Archives: Alpha")
        write_listing(folder / f"b{number:02}.txt", 31 + 10 * number, 10, "Category Archives: Beta")
    for seed in (BRIEFINGS_SEED, TECHNOLOGY_SEED):
        (folder / seed.name).write_bytes(seed.read_bytes())
    assert len(list(folder.glob("*.txt"))) >= PARALLEL_FROM
    return folder


def written():
    """Everything an import writes, but the times it was written at and the ids it got."""
    posts = list(
        Post.objects.order_by("rank").values_list(
            "rank", "title", "slug", "caption", "body", "body_html", "body_text", "archived_comment_count",
            "listing__file_name", "listing_position", "import_key", "import_digest", "index_terms",
        )
    )
    categories = sorted(Post.categories.through.objects.values_list("post__slug", "category__name"))
    sources = sorted(Source.objects.values_list("post__slug", "position", "outlet__name", "date", "url"))
    placements = sorted(CategoryPlacement.objects.values_list("category__name", "rank", "post__slug"))
    return posts, categories, sources, placements


@pytest.mark.django_db(transaction=True)
def test_workers_write_what_one_process_writes(tmp_path):
    folder = archive_folder(tmp_path / "listings")
    alone = import_listings([folder], workers=0)
    by_one = written()
    Post.objects.all().delete()
    Source.objects.all().delete()
    with_workers = import_listings([folder], workers=2)
    assert written() == by_one
    assert (alone.created, alone.sources_created) == (108, 54)
    assert (with_workers.created, with_workers.sources_created) == (108, 54)
    # Posts 31-60 are filed under both archives' categories, whichever file they were written from.
    post = Post.objects.get(title="Synthetic Post Number 45")
    assert sorted(post.categories.values_list("name", flat=True)) == ["Alpha", "Beta", "Theme 0", "Topic 0"]


@pytest.mark.django_db(transaction=True)
def test_workers_reimport_changes_nothing(tmp_path):
    folder = archive_folder(tmp_path / "listings")
    import_listings([folder], workers=2)
    before = database_state()
    again = import_listings([folder], workers=2)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 108)
    assert database_state() == before


@pytest.mark.django_db(transaction=True)
def test_a_problem_found_by_a_worker_names_file_and_line_and_writes_nothing(tmp_path):
    folder = archive_folder(tmp_path / "listings")
    broken = folder / "a03.txt"
    lines = broken.read_text("utf-8").splitlines()
    line = lines.index("Filed under Topic 1, Theme 1") + 1
    lines[line - 1] = "Filed somewhere"
    broken.write_text("\n".join(lines) + "\n", "utf-8")
    with pytest.raises(ImportFailed) as failure:
        import_listings([folder], workers=2)
    assert [str(error) for error in failure.value.errors] == [
        (
            f"{broken}:{line - 2}: comment line “3 Comments” of post “Synthetic Post Number 31” "
            "is not followed by its “Filed under …” line"
        )
    ]
    assert Post.objects.count() == 0


def test_results_come_in_order_and_workers_stay_within_their_lead(tmp_path):
    started = tmp_path / "started"
    started.mkdir()
    items = [(started, number) for number in range(20)]
    with worker_map(_note_start, items, workers=2, sizes=[1] * 20, ahead=3) as results:
        assert next(results) == 0
        time.sleep(0.5)  # time enough for workers to run ahead, were they allowed
        assert len(list(started.iterdir())) <= 1 + 3 + 1
        assert list(results) == list(range(1, 20))
    assert len(list(started.iterdir())) == 20


def _note_start(item):
    folder, number = item
    (folder / str(number)).touch()
    return number


def test_workers_option_refuses_a_negative_number(db):
    with pytest.raises(CommandError, match="--workers"):
        call_command("load_seeds", "--workers=-1", stdout=io.StringIO())
