"""A reader browses the archive in a real browser."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_reader_opens_a_post_from_the_front_page(page, site):
    page.goto(site + "/")
    expect(page.locator("h1")).to_have_text("Briefings")
    expect(page.locator("article.post")).to_have_count(8)
    page.get_by_role("link", name="China Formalises State Guidance Of Its Tech Platforms", exact=True).click()
    expect(page.locator("h1")).to_have_text("China Formalises State Guidance Of Its Tech Platforms")
    expect(page.locator("figcaption")).to_have_text("Screenshot of Youku hope page captured January 14, 2023")
    expect(page.locator(".filed-under")).to_have_text("Filed under Economy, Technology")
    expect(page.locator(".comment-line")).to_contain_text("1 Comment")


def test_reader_follows_a_briefing_source_link(page, site):
    page.goto(site + "/page/2/")
    page.get_by_role("link", name="China Hacks and Leaks Confidential Japanese Diplomatic Cables", exact=True).click()
    link = page.locator("a.sources__url")
    expect(link).to_have_text("https://china.kyodonews.net/news/2024/02/5147b37c47db–.html")
    # The browser resolves the link to the cited article, non-ASCII character and all.
    href = link.evaluate("a => a.href")
    assert href == "https://china.kyodonews.net/news/2024/02/5147b37c47db%E2%80%93.html"
