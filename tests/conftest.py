import functools
from pathlib import Path

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connections


SEEDS = Path(__file__).resolve().parent.parent / "seeds"
TECHNOLOGY_SEED = SEEDS / "000_778017c9ee7efa21.txt"
BRIEFINGS_SEED = SEEDS / "003_9246f7aff51efab0.txt"


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with empty caches: no page, generation or counter left by another test."""
    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def _connections_closed_after_each_test():
    """Each test's database connections are closed once it ends (autouse: after its other fixtures).

    Django keeps a connection per contextvars context, and Playwright's sync API
    leaves the tests after its first one running in a context of its own. A
    connection left open there would keep PostgreSQL from dropping the test
    database at the end of the session.
    """
    yield
    connections.close_all()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the commit hooks of what a block changes, as its commit would.

    Each test runs in one transaction that is rolled back, so without this the
    hooks that start a new generation would never run.
    """
    return functools.partial(django_capture_on_commit_callbacks, execute=True)


@pytest.fixture
def seeded(db):
    """The archive with both seed listings loaded."""
    call_command("load_seeds", verbosity=0)


@pytest.fixture
def listing_dir(tmp_path):
    """A folder to write listing files into."""
    folder = tmp_path / "listings"
    folder.mkdir()
    return folder
