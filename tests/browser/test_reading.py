"""A reader browses the archive in a real browser."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_reader_opens_a_post_from_the_front_page(page, seeded_site):
    page.goto(seeded_site + "/")
    expect(page.locator("h1")).to_have_text("Briefings")
    expect(page.locator("article.post")).to_have_count(8)
    page.get_by_role("link", name="China Formalises State Guidance Of Its Tech Platforms", exact=True).click()
    expect(page.locator("h1")).to_have_text("China Formalises State Guidance Of Its Tech Platforms")
    expect(page.locator("figcaption")).to_have_text("Screenshot of Youku hope page captured January 14, 2023")
    expect(page.locator(".filed-under")).to_have_text("Filed under Economy, Technology")
    expect(page.locator(".comment-line")).to_have_text("1 comment on the original site, not archived")


def test_reader_pages_through_the_archive_and_into_a_category(page, seeded_site):
    page.goto(seeded_site + "/")
    page.get_by_role("link", name="Older posts →").click()
    expect(page).to_have_url(seeded_site + "/page/2/")
    expect(page.locator("h1")).to_have_text("Briefings – page 2")
    page.get_by_role("link", name="Page 3").click()
    expect(page.locator("h1")).to_have_text("Briefings – page 3")
    # The last 6 of 22 posts: the blog's 4 dated posts come first, then the seeds' 18 captures.
    expect(page.locator("article.post")).to_have_count(6)
    page.get_by_role("link", name="← Newer posts").click()
    expect(page).to_have_url(seeded_site + "/page/2/")
    # "Filed under" of a post on page 2 (among the seeds' last Technology posts, before their Briefings).
    post = page.locator("article.post").filter(has_text="The Unhealthy Use Of China’s Health Codes App")
    post.locator(".filed-under").get_by_role("link", name="Politics & Society").click()
    expect(page.locator("h1")).to_have_text("Category Archives: Politics & Society")
    expect(page.locator("article.post h2")).to_have_text(
        ["Shanghai Police Data Hack Reveals As Much As It Hides", "The Unhealthy Use Of China’s Health Codes App"]
    )


def test_reader_opens_a_briefing_and_checks_its_source(page, seeded_site, screenshot):
    page.goto(seeded_site + "/page/2/")
    page.get_by_role("link", name="China Hacks and Leaks Confidential Japanese Diplomatic Cables", exact=True).click()
    sources = page.locator("section.sources")
    expect(sources).to_contain_text("Source: Kyodo News, February 5, 2024")
    link = sources.locator("a.sources__url")
    expect(link).to_have_text("https://china.kyodonews.net/news/2024/02/5147b37c47db–.html")
    # The browser resolves the link to the cited article, non-ASCII character and all.
    assert link.evaluate("a => a.href") == "https://china.kyodonews.net/news/2024/02/5147b37c47db%E2%80%93.html"
    expect(page.get_by_text("Archived from Briefings, page 46, post 1.")).to_be_visible()
    for width in (360, 1280):
        screenshot("briefing", width)
    sources.get_by_role("link", name="Kyodo News").click()
    expect(page.locator("h1")).to_have_text("Briefings citing Kyodo News")


def test_reader_searches_and_opens_the_hit(page, seeded_site, screenshot):
    page.goto(seeded_site + "/category/technology/")
    page.get_by_role("searchbox", name="Search the archive").fill("lithium")
    page.get_by_role("searchbox", name="Search the archive").press("Enter")
    expect(page.locator("h1")).to_have_text("Search results for “lithium”")
    expect(page.locator(".search-result mark").first).to_have_text("lithium")
    for width in (360, 1280):
        screenshot("search", width)
    page.locator(".search-result").get_by_role("link").first.click()
    expect(page.locator("h1")).to_have_text("China Steals A March In Global Battle For EV Battery Market")


def test_pages_work_at_phone_width_without_sideways_scrolling(page, seeded_site, screenshot):
    page.set_viewport_size({"width": 360, "height": 800})
    for path in ("/", "/post/peoples-daily-sullivan-admits-that-us-efforts-to-change-the-prc-over-the-past-several-decades-have/"):
        page.goto(seeded_site + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot("front", 360)
    screenshot("front", 1280)
