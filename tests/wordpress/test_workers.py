"""WordPress posts are converted in worker processes while the import writes: the archive is the same."""

import itertools

import pytest

from archive.importing.exports import import_exports
from archive.importing.workers import worker_stream
from archive.models import Author, Category, Comment, Page, Post, Tag

from .helpers import FIXTURES

EXPORTS = [FIXTURES / name for name in ("classic.xml", "block-editor.xml", "wordpress-com.xml", "wxr-1.1.xml")]


def written():
    """Everything the import writes but ids and the times rows were written at."""
    posts = sorted(Post.objects.values_list(
        "slug", "title", "title_html", "body", "body_format", "body_html", "body_text", "excerpt",
        "author__name", "author_rank",
        "published", "original_url", "wordpress_id", "import_key", "import_digest", "index_terms",
    ))
    comments = sorted(Comment.objects.values_list(
        "post__slug", "author_name", "body", "status", "created", "import_key", "parent__import_key",
    ), key=repr)
    filings = sorted(
        [(slug, name, "category") for slug, name in Post.categories.through.objects.values_list(
            "post__slug", "category__slug")]
        + [(slug, name, "tag") for slug, name in Post.tags.through.objects.values_list("post__slug", "tag__slug")]
    )
    pages = sorted(Page.objects.values_list("slug", "title", "body", "parent__slug"), key=repr)
    return posts, comments, filings, pages


@pytest.mark.django_db(transaction=True)
def test_workers_write_what_one_process_writes():
    alone = import_exports(EXPORTS, workers=0)
    by_one = written()
    for model in (Comment, Post, Page, Category, Tag, Author):
        model.objects.all().delete()
    with_workers = import_exports(EXPORTS, workers=2)
    assert written() == by_one
    assert (with_workers.counts, with_workers.skipped) == (alone.counts, alone.skipped)
    assert Comment.objects.filter(parent__isnull=False).exists()  # threads came through


def test_an_export_is_read_only_as_fast_as_its_items_are_converted():
    # What bounds an import's memory: the reader is never more than the workers' lead ahead of the writer.
    read = []

    def items():
        for number in itertools.count():
            read.append(number)
            yield -number

    with worker_stream(abs, items(), workers=2, chunk=5, ahead=20) as results:
        # Each item beside its result, in order.
        assert list(itertools.islice(results, 10)) == [(-number, number) for number in range(10)]
        assert len(read) <= 10 + 20 + 2 * 5


def test_without_workers_a_stream_gives_the_same_pairs():
    with worker_stream(abs, iter([-3, 4, -5]), workers=0, chunk=5, ahead=20) as results:
        assert list(results) == [(-3, 3), (4, 4), (-5, 5)]
