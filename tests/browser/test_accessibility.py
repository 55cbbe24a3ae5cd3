"""Every type of page is accessible on a phone and on a desktop screen: axe-core finds no violations and leaves
nothing undecided (its reflow to the screen's width: test_layout.py).
"""

import pytest
from playwright.sync_api import expect
from axe_playwright_python.sync_playwright import Axe

from .pages import PAGE_NAMES, PAGE_TYPES

pytestmark = [pytest.mark.browser, pytest.mark.markup]

AXE = Axe()
# Every rule of WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices.
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"],
    }
}
WIDTHS = (360, 1280)


@pytest.mark.parametrize("width", WIDTHS, ids=[f"{width}px" for width in WIDTHS])
@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=PAGE_NAMES)
def test_page_has_no_accessibility_violations(page, seeded_site, page_type, width):
    page.set_viewport_size({"width": width, "height": 800})
    response = page.goto(seeded_site + page_type.path)
    assert response.status == page_type.status, f"{page_type.path} answered {response.status}"

    results = AXE.run(page, options=AXE_OPTIONS)

    assert results.response["passes"], "axe ran no rule"
    assert results.violations_count == 0, results.generate_report()
    undecided = {rule["id"]: [node["target"] for node in rule["nodes"]] for rule in results.response["incomplete"]}
    assert not undecided, f"axe could not decide these rules, so a person would have to check them: {undecided}"


def test_axe_reports_a_violation(page, seeded_site):
    """The check can fail: an image with no text alternative is a violation."""
    page.goto(seeded_site + "/")
    page.evaluate("document.querySelector('main').append(document.createElement('img'))")

    results = AXE.run(page, options=AXE_OPTIONS)

    assert "image-alt" in {violation["id"] for violation in results.response["violations"]}


@pytest.mark.parametrize("width", WIDTHS, ids=[f"{width}px" for width in WIDTHS])
def test_the_comment_form_in_its_error_state_and_the_readers_pending_comment(page, seeded_site, width):
    """The states a reader reaches by commenting: the form with its errors, then their comment awaiting moderation."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(seeded_site + PAGE_TYPES[PAGE_NAMES.index("post-with-caption")].path)
    # What the browser lets through and the server refuses: blanks, and an address without a domain.
    page.get_by_role("textbox", name="Name").fill("   ")
    page.get_by_role("textbox", name="Email (optional, never shown)").fill("ann@example")
    page.get_by_role("textbox", name="Comment", exact=True).fill("   ")
    page.get_by_role("button", name="Post comment").click()
    expect(page.get_by_role("alert")).to_contain_text("Please correct the problems below.")
    # Each field's error is what the field says describes it.
    for field in ("id_author_name", "id_author_email", "id_body"):
        described_by = page.locator(f"#{field}").get_attribute("aria-describedby")
        assert described_by and page.locator(f"#{described_by.split()[0]}").is_visible(), field
    results = AXE.run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()

    page.get_by_role("textbox", name="Name").fill("Ann Reader")
    page.get_by_role("textbox", name="Email (optional, never shown)").fill("")
    page.get_by_role("textbox", name="Comment", exact=True).fill("A comment of mine.")
    page.get_by_role("button", name="Post comment").click()
    expect(page.locator(".comment--pending")).to_contain_text("A comment of mine.")
    results = AXE.run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
