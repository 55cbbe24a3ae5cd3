"""Reading without JavaScript, printing, and moving through a page by keyboard."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_the_archive_works_with_javascript_off(browser, seeded_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(seeded_site + "/")
    page.get_by_role("link", name="Older posts →").click()
    expect(page.locator("h1")).to_have_text("Briefings – page 2")
    page.get_by_role("searchbox", name="Search the archive").fill("lithium")
    page.get_by_role("searchbox", name="Search the archive").press("Enter")
    expect(page.locator(".search-result mark").first).to_have_text("lithium")
    context.close()


def test_print_hides_navigation_and_forms(page, seeded_site):
    page.goto(seeded_site + "/post/canada-finally-bans-huawei-from-its-5g-networks/")
    page.emulate_media(media="print")
    for selector in (".site-header nav", ".site-footer", ".comment-form", ".site-search"):
        expect(page.locator(selector)).to_be_hidden()
    expect(page.locator("h1")).to_be_visible()


def test_skip_link_and_focus_are_visible_from_the_keyboard(page, seeded_site):
    page.goto(seeded_site + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    assert skip.evaluate("a => getComputedStyle(a).outlineStyle") != "none"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('main') !== null")
    assert focused
