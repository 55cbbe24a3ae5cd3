"""A reader browses posts imported from a WordPress export: a gallery, threaded comments, tags, pages."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.wordpress.helpers import FIXTURES

from .test_accessibility import AXE, AXE_OPTIONS
from .test_layout import WIDER_THAN

pytestmark = pytest.mark.browser


@pytest.fixture
def blog(live_server, transactional_db):
    """The live archive holding the classic WordPress export; returns its base URL."""
    call_command("load_seeds", str(FIXTURES / "classic.xml"), verbosity=0)
    return live_server.url


@pytest.mark.parametrize("width", [360, 1280])
def test_a_gallery_and_a_threaded_conversation(page, blog, screenshot, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(blog + "/post/harbour-pictures/")
    gallery = page.locator("figure.gallery").first  # [gallery ids="203,201,202"]; a [gallery] of all follows
    expect(gallery.locator("img")).to_have_count(3)
    expect(gallery.locator("img").first).to_have_attribute("alt", "quay")
    screenshot("wordpress-gallery", width)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.evaluate(WIDER_THAN, width)

    page.goto(blog + "/")
    page.get_by_role("link", name="Title With Markup", exact=True).click()
    expect(page.locator("h1 em")).to_have_text("With")
    first = page.locator("#comments > ol > li").first
    expect(first.locator(":scope > article")).to_contain_text("First! A fair point about the cranes.")
    reply = first.locator(":scope > ol > li")
    expect(reply.locator(":scope > article")).to_contain_text("Thank you. Replying here.")
    expect(reply.locator(":scope > ol > li > article")).to_contain_text("And a reply to the reply.")
    expect(page.locator(".tagged")).to_contain_text("Chips")
    screenshot("wordpress-threads", width)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.evaluate(WIDER_THAN, width)
    results = AXE.run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


def test_the_blogs_pages_are_reached_from_every_page(page, blog):
    page.goto(blog + "/")
    page.get_by_role("navigation", name="About the site").get_by_role("link", name="About").click()
    expect(page.locator("h1")).to_have_text("About")
    page.get_by_role("link", name="The Team").click()
    expect(page.locator(".page-header__trail")).to_contain_text("In About")
    results = AXE.run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("width", [360, 1280])
def test_a_reader_browses_by_date(page, blog, screenshot, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(blog + "/")
    page.get_by_role("navigation", name="Site").get_by_role("link", name="Dates").click()
    expect(page.locator("h1")).to_have_text("Archives by date")
    expect(page.get_by_role("img", name="Posts a month from")).to_be_visible()
    screenshot("date-index", width)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.evaluate(WIDER_THAN, width)
    results = AXE.run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
    page.get_by_role("link", name="March", exact=True).first.click()
    expect(page.locator("h1")).to_have_text("Monthly Archives: March 2024")
    expect(page.locator("article.post").first).to_be_visible()
    screenshot("month-archive", width)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.evaluate(WIDER_THAN, width)
    results = AXE.run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("width", [360, 1280])
def test_a_reader_goes_from_a_post_to_its_authors_page(page, blog, screenshot, width):
    # From a post's byline to its author's page (the author page type is in pages.py too).
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(blog + "/post/harbour-pictures/")
    page.get_by_role("link", name="The Editor").click()
    expect(page.locator("h1")).to_have_text("Author Archives: The Editor")
    expect(page.locator("article.post")).to_have_count(3)
    screenshot("wordpress-author", width)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.evaluate(WIDER_THAN, width)
    results = AXE.run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.markup
def test_the_imported_blogs_pages_are_valid_html(blog, tmp_path):
    """A post with markup in its title, figures, a gallery and threaded comments; a tag; an author; a page and
    its child; the date index and a year's, a month's and a day's archive."""
    from .test_html_validity import check, fetch

    paths = []
    for number, path in enumerate(["/post/title-with-markup/", "/post/harbour-pictures/", "/tag/chips/",
                                   "/category/china/", "/author/the-editor/", "/pages/about/", "/pages/team/",
                                   "/dates/", "/2024/", "/2024/03/", "/2024/03/05/"]):
        status, body = fetch(blog + path)
        assert status == 200, path
        paths.append(tmp_path / f"page-{number}.html")
        paths[-1].write_bytes(body)
    problems = {name: messages for name, messages in check(paths).items() if messages}
    assert problems == {}, problems
