"""A reader of the frozen archive (export_static, served by a plain file server) searches it and reads it."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.static_export.helpers import file_server, indexed_pages
from tests.wordpress.helpers import FIXTURES

from .test_accessibility import AXE, AXE_OPTIONS

pytestmark = pytest.mark.browser


@pytest.fixture
def frozen(transactional_db, tmp_path, settings):
    """The seeds and a WordPress blog, exported and served as plain files; returns the address."""
    settings.STATIC_ROOT = tmp_path / "static-root"
    call_command("load_seeds", verbosity=0)
    call_command("load_seeds", str(FIXTURES / "classic.xml"), verbosity=0)
    # The search index in parts of 10 pages, as a big archive's comes in parts: a search reads them all.
    call_command("export_static", str(tmp_path / "site"), "--base-url", "https://archive.example",
                 "--search-part-size", "10", verbosity=0)
    pages = [page.parent.name for page in indexed_pages(tmp_path / "site")]
    assert pages.index("harbour-pictures") >= 10, "the post searched for below is outside the first part"
    with file_server(tmp_path / "site") as address:
        yield address


def test_searching_the_frozen_archive_finds_the_post_first(page, frozen):
    page.goto(frozen + "/")
    page.get_by_role("search").get_by_label("Search the archive").fill("harbour cranes")
    page.get_by_role("search").get_by_role("button", name="Search").click()
    first = page.locator(".pagefind-ui__result").first
    expect(first.locator(".pagefind-ui__result-title")).to_have_text("Harbour Pictures", timeout=10_000)
    first.locator("a").first.click()
    expect(page.locator("h1")).to_have_text("Harbour Pictures")
    expect(page.locator("#comment-form")).to_have_count(0)


@pytest.mark.markup
@pytest.mark.parametrize("path", ["/", "/post/harbour-pictures/", "/2024/03/", "/search/?q=huawei"])
def test_the_frozen_pages_have_no_accessibility_violations(page, frozen, path):
    page.goto(frozen + path)
    if "search" in path:
        page.locator(".pagefind-ui__result").first.wait_for(timeout=10_000)
    results = AXE.run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


def test_a_frozen_archive_with_no_posts_says_there_is_nothing_to_search(page, transactional_db, tmp_path, settings):
    settings.STATIC_ROOT = tmp_path / "static-root"
    call_command("export_static", str(tmp_path / "site"), "--base-url", "https://archive.example", verbosity=0)
    with file_server(tmp_path / "site") as address:
        page.goto(address + "/search/")
        expect(page.locator("#search")).to_have_text("There is nothing to search in this copy of the archive yet.")
