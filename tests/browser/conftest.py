"""Browser tests: Playwright drives Debian's Chromium against a live server.

A missing browser is a failure, never a skip: `make test` installs it.
"""

import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.test import override_settings

from archive.models import Post
from scripts.lighthouse import CHROME_FLAGS

CHROMIUM = Path(os.environ.get("BRIEFINGS_CHROMIUM", "/usr/bin/chromium"))
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
# A small dated WordPress blog beside the seeds: date archives, tags, authors, pages, threaded comments and an
# image of its own (from its uploads folder, so that no page names a file on another host).
BLOG = Path(__file__).resolve().parent / "blog"
BLOG_EXPORT = BLOG / "briefings.xml"
BLOG_UPLOADS = BLOG / "uploads"

# Playwright's sync API runs an event loop in this thread; the ORM calls that
# the tests make between page actions are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install it with `apt-get install -y chromium`")
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        # Playwright chooses headless mode itself; the other flags are Lighthouse's too.
        "args": [flag for flag in CHROME_FLAGS if not flag.startswith("--headless")],
    }


@pytest.fixture(scope="session")
def live_server(django_db_setup, live_server):
    """pytest-django's live server, started once the test database exists.

    So it is stopped before the database is dropped: its thread's connection
    would otherwise keep PostgreSQL from dropping it at the end of the session.
    """
    return live_server


@pytest.fixture
def site(live_server, transactional_db):
    """The live archive with both seeds loaded, for a test that changes it; returns its base URL."""
    call_command("load_seeds", verbosity=0)
    return live_server.url


@pytest.fixture(scope="module")
def _archive_emptied_after_module(django_db_blocker, live_server, tmp_path_factory):
    # The blog's files go to a storage of the module's own, not to the project's media/.
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield
        with django_db_blocker.unblock():
            call_command("flush", interactive=False, verbosity=0)
            connections.close_all()  # as after each test (tests/conftest.py)


def pytest_collection_modifyitems(items):
    # The pages' HTML and CSS are the templates', the same on every database: the checks of what the browser makes
    # of them (marked "markup") run in the SQLite pass; the other pass keeps the tests of what readers and editors
    # do, which reach the database.
    if connection.vendor != "sqlite":
        skip = pytest.mark.skip(reason="the pages' markup, the same on every database: checked in the SQLite pass")
        for item in items:
            if item.get_closest_marker("markup"):
                item.add_marker(skip)


@pytest.fixture
def seeded_site(_archive_emptied_after_module, live_server, django_db_blocker):
    """The live archive with both seeds and the small WordPress blog loaded, for tests that only read it.

    Returns its base URL. The blog's four posts have dates, so they come first in
    the archive, before the seeds' undated captures. Both are loaded once for the
    tests of a module (again if a test using `site` emptied the database in
    between) and removed after the module.
    """
    with django_db_blocker.unblock():
        if not Post.objects.exists():
            call_command("load_seeds", verbosity=0)
            call_command("load_seeds", str(BLOG_EXPORT), "--uploads", str(BLOG_UPLOADS), verbosity=0)
    return live_server.url


@pytest.fixture
def screenshot(page):
    SCREENSHOTS.mkdir(exist_ok=True)

    def take(name, width):
        page.set_viewport_size({"width": width, "height": 900})
        path = SCREENSHOTS / f"{name}-{width}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
